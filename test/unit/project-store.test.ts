// The server keeps the checked project in memory: a change on disk is seen at the next
// snapshot, and nothing is re-read or re-checked while nothing changed. On a project as
// `tiaoli new` writes it: what is counted is the store's work, whatever the rules say, and
// each check of it takes a fraction of the Qujing project's time.
import { appendFileSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../engine/server/project-store.js';
import { versionOf } from '../../engine/server/project-files.js';
import { skeletonCopy } from '../support/project-copy.js';

const FILE = 'rules/parameters/eligibility.yaml';
const ARTICLE = 'rules/articles/01-02-general-provisions.yaml';
let dir: string;
let store: ProjectStore;

beforeEach(() => {
  dir = skeletonCopy();
  store = new ProjectStore(dir, { freshMs: 0 });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the project store', () => {
  it('checks the project once and reuses it while nothing changed on disk', async () => {
    const first = await store.snapshot();
    expect(first.ruleset).toMatch(/^[0-9a-f]{16}$/);
    expect(first.problems).toEqual([]);
    expect(first.decider).toBeDefined();
    const reads = store.stats.reads;
    for (let i = 0; i < 50; i++) expect(await store.snapshot()).toBe(first);
    expect(store.stats.checks).toBe(1);
    expect(store.stats.reads).toBe(reads);
  });

  it('shares one check between concurrent snapshot calls', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => store.snapshot()));
    expect(new Set(all).size).toBe(1);
    expect(store.stats.checks).toBe(1);
  });

  it('sees a change made on disk by another program, re-reading only that file', async () => {
    const before = await store.snapshot();
    const reads = store.stats.reads;
    const changed = readFileSync(join(dir, FILE), 'utf8').replace('2020-01-01: 18', '2020-01-01: 20');
    writeFileSync(join(dir, FILE), changed);
    const after = await store.snapshot();
    expect(after.files[FILE]).toEqual({ text: changed, version: versionOf(changed) });
    expect(after.ruleset).not.toBe(before.ruleset);
    expect(store.stats.reads).toBe(reads + 1);
    expect(store.stats.checks).toBe(2);
  });

  it('sees a file added and a file removed', async () => {
    const before = await store.snapshot();
    const fixture = Object.keys(before.files).find((p) => p.startsWith('test/cases/'))!;
    writeFileSync(join(dir, 'test/cases/added.yaml'), before.files[fixture]!.text);
    expect(Object.hasOwn((await store.snapshot()).files, 'test/cases/added.yaml')).toBe(true);
    rmSync(join(dir, 'test/cases/added.yaml'));
    expect(Object.hasOwn((await store.snapshot()).files, 'test/cases/added.yaml')).toBe(false);
    expect(store.stats.checks).toBe(3);
  });

  it('does not re-check when a file is touched but its content is the same', async () => {
    await store.snapshot();
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, FILE), later, later);
    await store.snapshot();
    expect(store.stats.checks).toBe(1);
  });

  it('re-checks when the day changes (fixtures and forms are checked against today)', async () => {
    let day = '2026-01-01';
    const dated = new ProjectStore(dir, { today: () => day, freshMs: 0 });
    await dated.snapshot();
    await dated.snapshot();
    day = '2026-01-02';
    await dated.snapshot();
    expect(dated.stats.checks).toBe(2);
    await dated.close();
  });

  it('checks unsaved texts against the project, once per distinct change', async () => {
    const snapshot = await store.snapshot();
    expect(await store.check({})).toBe(snapshot.problems);
    expect(await store.check({ [FILE]: snapshot.files[FILE]!.text })).toBe(snapshot.problems);
    const broken = snapshot.files[ARTICLE]!.text.replace('params.minimumAge', 'params.minimumAgeOf');
    const problems = await store.check({ [ARTICLE]: broken });
    expect(problems.some((p) => p.code === 'ref.unknownParameter' && p.location.file === ARTICLE)).toBe(true);
    const checks = store.stats.checks;
    expect(await store.check({ [ARTICLE]: broken })).toBe(problems);
    expect(store.stats.checks).toBe(checks);
    // names that are not project paths, and values that are not text, are left out
    expect(await store.check(JSON.parse('{"__proto__": "x", "../x.yaml": "a: 1", "rules/x.yaml": 5}'))).toBe(snapshot.problems);
  });

  it('saves, and the next snapshot has the new text without reading the disk again for the others', async () => {
    const snapshot = await store.snapshot();
    const text = `${snapshot.files[FILE]!.text}# noted\n`;
    const outcome = await store.save(FILE, text, snapshot.files[FILE]!.version);
    expect(outcome).toMatchObject({ kind: 'saved', path: FILE, version: versionOf(text) });
    expect((await store.snapshot()).files[FILE]!.text).toBe(text);
    appendFileSync(join(dir, FILE), '# elsewhere\n');
    expect(await store.save(FILE, text, versionOf(text))).toMatchObject({ kind: 'conflict', current: { text: `${text}# elsewhere\n` } });
  });

  it('a save checks the project once: the snapshot after the write takes the save\'s check', async () => {
    const snapshot = await store.snapshot();
    const checks = store.stats.checks;
    const text = snapshot.files[FILE]!.text.replace('2020-01-01: 18', '2020-01-01: 20');
    expect(await store.save(FILE, text, snapshot.files[FILE]!.version)).toMatchObject({ kind: 'saved' });
    const after = await store.snapshot();
    expect(after.files[FILE]!.text).toBe(text);
    expect(after.ruleset).not.toBe(snapshot.ruleset);
    expect(after.decider).toBeDefined();
    expect(store.stats.checks).toBe(checks + 1);
  });

  it('a draft checked before it is saved (the studio asks when typing pauses) is saved without checking again', async () => {
    const snapshot = await store.snapshot();
    const text = snapshot.files[FILE]!.text.replace('label: 申领示例证的最低年龄', 'label: 申领示例证的最低年龄（周岁）');
    expect(await store.check({ [FILE]: text })).toEqual([]);
    const checks = store.stats.checks;
    expect(await store.save(FILE, text, snapshot.files[FILE]!.version)).toMatchObject({ kind: 'saved' });
    expect((await store.snapshot()).files[FILE]!.text).toBe(text);
    expect(store.stats.checks).toBe(checks);
  });

  it('under load, looks at the disk at most once per freshMs, and still sees a change after it', async () => {
    const busy = new ProjectStore(dir, { freshMs: 60_000 });
    await busy.snapshot();
    for (let i = 0; i < 100; i++) await busy.snapshot();
    expect(busy.stats.snapshots).toBe(1);
    await busy.close();
    const soon = new ProjectStore(dir, { freshMs: 300 });
    await soon.snapshot();
    const changed = readFileSync(join(dir, FILE), 'utf8').replace('label: 申领示例证的最低年龄', 'label: 申领示例证的最低年龄（周岁）');
    writeFileSync(join(dir, FILE), changed);
    await new Promise((r) => setTimeout(r, 400));
    expect((await soon.snapshot()).files[FILE]!.text).toBe(changed);
    await soon.close();
  });

  it('remembers a value per snapshot (the fixtures\' results), and works it out again after a change', async () => {
    let runs = 0;
    const work = () => ++runs;
    const first = await store.snapshot();
    expect(await store.remember(first, 'fixtures', work)).toBe(1);
    expect(await store.remember(await store.snapshot(), 'fixtures', work)).toBe(1);
    appendFileSync(join(dir, FILE), '# changed\n');
    expect(await store.remember(await store.snapshot(), 'fixtures', work)).toBe(2);
  });
});

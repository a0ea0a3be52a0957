// Hostile and unlucky files: the studio's server reads and writes only real files inside
// the project, only of the kinds each folder holds, never tears a file, never lets two
// processes both save over one version, and keeps answering when a file on disk is bad.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { join as joinPath, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../engine/server/project-store.js';
import { cleanStaleTemporaries, pathRefusal, RefusedError, versionOf, writeProjectFile } from '../../engine/server/project-files.js';
import { root } from '../support/regulation.js';
import { projectCopy, skeletonCopy } from '../support/project-copy.js';

const FILE = 'rules/parameters/in-force.yaml';
const module = (path: string): string => pathToFileURL(join(root, path)).href;
const scratch: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Every file below a folder (following nothing), path → content, to prove nothing else changed. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else out.set(path, entry.isSymbolicLink() ? `-> link` : readFileSync(join(dir, path), 'utf8'));
    }
  };
  walk('');
  return out;
}

// 48 ways of naming a file outside rules/, forms/ and test/cases/, or not as a plain relative path.
const TRAVERSALS = [
  '../package.json', '../../etc/passwd.yaml', 'rules/../../etc/x.yaml', 'rules/../package.yaml', 'rules/../../x.yaml',
  'forms/../../../etc/passwd.hbs', 'test/cases/../../../x.yaml', 'test/../rules/x.yaml', 'test/cases/../../package.yaml',
  '/etc/passwd', '/tmp/x.yaml', '//tmp/x.yaml', 'rules/./x.yaml', './rules/x.yaml', 'rules//x.yaml', 'rules/x.yaml/',
  'rules/..', 'rules/.../x.yaml', 'rules/....yaml/..', 'rules\\..\\..\\x.yaml', 'rules/..\\..\\x.yaml', 'C:\\x.yaml', 'C:/x.yaml',
  '\\\\server\\share\\x.yaml', 'rules/%2e%2e/%2e%2e/x.yaml', '%2e%2e/x.yaml', 'rules/%2fetc%2fx.yaml', 'rules/x.yaml\0.txt',
  'rules/x.yaml%00', 'rules/x.yaml ', ' rules/x.yaml', 'rules/x.yaml\n', 'rules/\u2025/x.yaml', 'rules/\uff0e\uff0e/x.yaml',
  'RULES/x.yaml', 'Rules/x.yaml', 'rules', 'rules/', '', 'node_modules/x.yaml', 'studio/dist/index.html', 'package.json',
  '~/x.yaml', 'rules/~/x.yaml', 'file:///etc/x.yaml', 'rules/x.yaml?x=1', 'test/x.yaml', 'engine/cli/bin.js',
];

const WRONG_KINDS = [
  'rules/x.hbs', 'rules/x.json', 'rules/x.js', 'rules/x.yaml.js', 'forms/x.txt', 'forms/x.json', 'forms/x.html',
  'test/cases/x.txt', 'test/cases/x.hbs', 'test/cases/x.json',
];

describe('paths: only rules/, forms/ and test/cases/, each with its own kinds of file', () => {
  let dir: string;
  let store: ProjectStore;
  beforeEach(() => {
    dir = projectCopy();
    scratch.push(dir);
    store = new ProjectStore(dir);
  });
  afterEach(() => store.close());

  it(`refuses ${TRAVERSALS.length} traversal variants and writes nothing anywhere`, async () => {
    const parent = join(dir, '..');
    const before = readdirSync(parent).sort();
    const project = tree(dir);
    for (const path of TRAVERSALS) {
      expect(pathRefusal(path), path).toBeDefined();
      const outcome = await store.save(path, 'a: 1\n', null);
      expect(outcome.kind, path).toBe('refused');
      expect(() => writeProjectFile(dir, path, 'a: 1\n'), path).toThrow(RefusedError);
    }
    expect(readdirSync(parent).sort()).toEqual(before);
    expect(tree(dir)).toEqual(project);
  });

  it('accepts in each folder only its own kinds of file', async () => {
    for (const path of WRONG_KINDS) {
      expect(pathRefusal(path), path).toMatch(/下只能放/);
      expect((await store.save(path, 'a: 1\n', null)).kind, path).toBe('refused');
      expect(existsSync(join(dir, path)), path).toBe(false);
    }
    for (const path of ['rules/x.yaml', 'rules/x.yml', 'rules/x.txt', 'forms/x.yaml', 'forms/x.hbs', 'test/cases/a/b.yml']) expect(pathRefusal(path), path).toBeUndefined();
  });

  it('10,000 generated paths: whatever is accepted stays inside its folder and is of that folder\'s kind', () => {
    const pieces = ['rules', 'forms', 'test', 'cases', '/', '/', '.', '..', '...', '\\', '%2e', '%2f', '\0', ' ', '~', ':', 'C:', 'a', 'x-1', '_', 'yaml', '.yaml', '.yml', '.hbs', '.txt', '.json', '\u2025', '\uff0e', '\n'];
    const project = resolve('/srv/project');
    let accepted = 0;
    const kinds = new Map([['test/cases', /\.ya?ml$/], ['rules', /\.(ya?ml|txt)$/], ['forms', /\.(ya?ml|hbs)$/]]);
    fc.assert(
      fc.property(
        fc.constantFrom('rules/', 'forms/', 'test/cases/', 'test/', '', '../', '/', 'rules/../', './rules/'),
        fc.array(fc.constantFrom(...pieces), { maxLength: 10 }),
        fc.constantFrom('.yaml', '.yml', '.hbs', '.txt', '.json', '', '/'),
        (start, parts, ending) => {
          const path = start + parts.join('') + ending;
          if (pathRefusal(path) !== undefined) return;
          accepted++;
          const full = resolve(project, path);
          expect(full.startsWith(project + sep)).toBe(true);
          const rel = full.slice(project.length + 1).split(sep).join('/');
          expect(rel).toBe(path); // no segment that path resolution would change
          expect(joinPath(project, path)).toBe(full);
          const home = [...kinds.keys()].find((d) => rel.startsWith(`${d}/`));
          expect(home).toBeDefined();
          expect(rel).toMatch(kinds.get(home!)!);
        },
      ),
      { numRuns: 10_000 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});

describe('symlinks are never followed', () => {
  let dir: string;
  let outside: string;
  let store: ProjectStore;
  beforeEach(() => {
    dir = projectCopy();
    scratch.push(dir);
    outside = tempDir('tiaoli-outside-');
    writeFileSync(join(outside, 'secret.yaml'), 'secret: 机密\n');
    mkdirSync(join(outside, 'folder'));
    writeFileSync(join(outside, 'folder', 'x.yaml'), 'outside: true\n');
    store = new ProjectStore(dir);
  });
  afterEach(() => store.close());

  it('a file linked to outside the project is not read, and a save to it is refused, leaving the outside file as it was', async () => {
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'rules', 'linked.yaml'));
    const snapshot = await store.snapshot();
    expect(Object.hasOwn(snapshot.files, 'rules/linked.yaml')).toBe(false);
    expect(JSON.stringify(snapshot)).not.toContain('机密');
    expect(snapshot.problems).toContainEqual(expect.objectContaining({ code: 'file.symlink', location: { file: 'rules/linked.yaml', line: 1, column: 1 } }));
    expect(snapshot.ruleset).toMatch(/^[0-9a-f]{16}$/); // the rest still loads
    for (const base of [null, versionOf('secret: 机密\n')]) {
      const outcome = await store.save('rules/linked.yaml', 'secret: overwritten\n', base);
      expect(outcome.kind).toBe('refused');
      expect(JSON.stringify(outcome)).not.toContain('机密');
    }
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe('secret: 机密\n');
  });

  it('a folder linked to outside the project is not listed, and nothing is written through it', async () => {
    symlinkSync(join(outside, 'folder'), join(dir, 'test', 'cases', 'linked'));
    const snapshot = await store.snapshot();
    expect(Object.keys(snapshot.files).filter((p) => p.startsWith('test/cases/linked/'))).toEqual([]);
    expect((await store.save('test/cases/linked/x.yaml', 'x: 1\n', versionOf('outside: true\n'))).kind).toBe('refused');
    expect((await store.save('test/cases/linked/new.yaml', 'x: 1\n', null)).kind).toBe('refused');
    expect(tree(outside)).toEqual(new Map([['secret.yaml', 'secret: 机密\n'], ['folder/x.yaml', 'outside: true\n']]));
  });

  it('a project folder that is itself a link (test/cases → elsewhere) is neither read nor written', async () => {
    renameSync(join(dir, 'test', 'cases'), join(outside, 'cases'));
    symlinkSync(join(outside, 'cases'), join(dir, 'test', 'cases'));
    const fixtures = tree(join(outside, 'cases'));
    const snapshot = await store.snapshot();
    expect(Object.keys(snapshot.files).filter((p) => p.startsWith('test/cases/'))).toEqual([]);
    expect(snapshot.problems).toContainEqual(expect.objectContaining({ code: 'file.symlink', location: expect.objectContaining({ file: 'test/cases' }) }));
    const [first] = [...fixtures.keys()];
    expect((await store.save(`test/cases/${first}`, 'x: 1\n', versionOf(fixtures.get(first!)!))).kind).toBe('refused');
    expect((await store.save('test/cases/new.yaml', 'x: 1\n', null)).kind).toBe('refused');
    expect(tree(join(outside, 'cases'))).toEqual(fixtures);
  });
});

describe('files on disk that cannot be read keep the studio usable', () => {
  let dir: string;
  let store: ProjectStore;
  beforeEach(() => {
    dir = projectCopy();
    scratch.push(dir);
    store = new ProjectStore(dir);
  });
  afterEach(() => store.close());

  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');

  it('an alias bomb, deep nesting, a GBK file, a UTF-16 file and an oversize file: each listed with its problem, the rest loaded', async () => {
    writeFileSync(join(dir, 'test/cases/bomb.yaml'), bomb);
    writeFileSync(join(dir, 'forms/bomb.yaml'), bomb);
    // "名称: 居住证" in GBK, as a Chinese Windows editor saves it
    writeFileSync(join(dir, 'test/cases/gbk.yaml'), Buffer.from([0xc3, 0xfb, 0xb3, 0xc6, 0x3a, 0x20, 0xbe, 0xd3, 0xd7, 0xa1, 0xd6, 0xa4, 0x0a]));
    writeFileSync(join(dir, 'test/cases/utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: 居住证\n', 'utf16le')]));
    writeFileSync(join(dir, 'test/cases/huge.yaml'), Buffer.alloc(6 * 1024 * 1024, 0x61));
    writeFileSync(join(dir, 'test/cases/deep.yaml'), `a: ${'['.repeat(100_000)}`);
    const snapshot = await store.snapshot();
    // thousands of errors in one file are cut to 50 and a count, so one file cannot flood the answer
    expect(snapshot.problems.filter((p) => p.location.file === 'test/cases/deep.yaml').length).toBeLessThanOrEqual(51);
    const problemOf = (file: string) => snapshot.problems.find((p) => p.location.file === file);
    for (const file of ['test/cases/deep.yaml', 'test/cases/bomb.yaml', 'forms/bomb.yaml', 'test/cases/gbk.yaml', 'test/cases/utf16.yaml', 'test/cases/huge.yaml']) {
      expect(problemOf(file), file).toBeDefined();
      expect(problemOf(file)!.message, file).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(problemOf('test/cases/gbk.yaml')).toMatchObject({ code: 'encoding.gbk', message: expect.stringContaining('GBK'), location: { line: 1, column: 1 } });
    expect(problemOf('test/cases/utf16.yaml')!.message).toContain('UTF-16');
    expect(snapshot.files['test/cases/gbk.yaml']!.text).toContain('居住证'); // shown readably, not as mojibake
    expect(snapshot.ruleset).toMatch(/^[0-9a-f]{16}$/);
    expect(snapshot.decider).toBeDefined();
    expect(Object.keys(snapshot.files).filter((p) => p.startsWith('rules/')).length).toBeGreaterThan(20);
    // a bomb sent as a save is refused with its problem, not a crash
    const outcome = await store.save('test/cases/new-bomb.yaml', bomb, null);
    expect(outcome.kind).toBe('invalid');
    expect(existsSync(join(dir, 'test/cases/new-bomb.yaml'))).toBe(false);
  });

  it('an alias bomb in rules/: the studio still gets the files and the problem at that file', async () => {
    writeFileSync(join(dir, 'rules/bomb.yaml'), bomb);
    const snapshot = await store.snapshot();
    expect(snapshot.problems.some((p) => p.location.file === 'rules/bomb.yaml')).toBe(true);
    expect(Object.keys(snapshot.files).length).toBeGreaterThan(200);
  });

  it('over HTTP: GET /api/project answers with the other files while a bomb lies in rules/', async () => {
    writeFileSync(join(dir, 'rules/bomb.yaml'), bomb);
    const { startServer } = await import('../../engine/server/serve.js');
    const studio = tempDir('tiaoli-studio-');
    writeFileSync(join(studio, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio });
    try {
      const session = (server as { session?: string }).session;
      const res = await fetch(`${server.url}api/project`, { headers: session ? { 'x-tiaoli-session': session } : {} });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(Object.hasOwn(body.files, FILE)).toBe(true);
      expect(Object.hasOwn(body.files, 'rules/bomb.yaml')).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('temporary files', () => {
  it('left by a save that died are removed when the store starts; a live process\'s are kept', async () => {
    const dir = projectCopy();
    scratch.push(dir);
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid!));
    });
    const stale = [
      `rules/parameters/.in-force.yaml.tiaoli-tmp-${dead}-0a1b2c3d4e5f`,
      `test/cases/13-application/.x.yaml.tiaoli-tmp-${dead}-abcdef`,
      `forms/permit-application.yaml.saving-${dead}-1712345678901`,
    ];
    const live = `rules/.y.yaml.tiaoli-tmp-${process.pid}-abcdef`;
    const old = `forms/.z.hbs.tiaoli-tmp-${process.pid}-fedcba`;
    for (const p of [...stale, live, old]) writeFileSync(join(dir, p), 'half a fi');
    const hourAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(dir, old), hourAgo, hourAgo);
    const store = new ProjectStore(dir);
    for (const p of [...stale, old]) expect(existsSync(join(dir, p)), p).toBe(false);
    expect(existsSync(join(dir, live))).toBe(true);
    const snapshot = await store.snapshot();
    expect(Object.keys(snapshot.files).filter((p) => p.includes('tiaoli-tmp') || p.includes('.saving-'))).toEqual([]);
    await store.close();
  });
});

// ---- other processes ----

function child(script: string, args: string[]): ChildProcessWithoutNullStreams {
  const dir = tempDir('tiaoli-child-');
  const file = join(dir, 'child.mts');
  writeFileSync(file, script);
  return spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: root });
}

/** The child's stdout, one JSON value per line, as a queue. */
function lines(proc: ChildProcessWithoutNullStreams): () => Promise<any> {
  const queue: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else queue.push(line);
  });
  return () => new Promise((resolve, reject) => {
    const take = (line: string) => resolve(JSON.parse(line));
    const line = queue.shift();
    if (line !== undefined) return take(line);
    const timer = setTimeout(() => reject(new Error(`child gave no answer; stderr: ${stderr}`)), 60_000);
    waiting.push((l) => {
      clearTimeout(timer);
      take(l);
    });
  });
}

const SAVER = `
import { createInterface } from 'node:readline';
import { ProjectStore } from '${module('engine/server/project-store.ts')}';
const store = new ProjectStore(process.argv[2]);
await store.snapshot();
console.log(JSON.stringify({ ready: true }));
for await (const line of createInterface({ input: process.stdin })) {
  const { path, text, base } = JSON.parse(line);
  const outcome = await store.save(path, text, base);
  console.log(JSON.stringify({ kind: outcome.kind }));
}
`;

const SERVER = `
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '${module('engine/server/serve.ts')}';
const studio = mkdtempSync(join(tmpdir(), 'tiaoli-studio-'));
writeFileSync(join(studio, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
const started = await startServer({ root: process.argv[2], port: 0, host: '127.0.0.1', studio });
console.log(JSON.stringify({ url: started.url, session: started.session ?? null }));
`;

const WRITER = `
import { writeProjectFile } from '${module('engine/server/project-files.ts')}';
const [dir, path] = process.argv.slice(2);
const texts = ['a', 'b'].map((c) => \`# \${c}\\n\` + \`\${c}: "\${c.repeat(400)}"\\n\`.repeat(1000));
console.log(JSON.stringify({ ready: true }));
for (let i = 0; ; i++) writeProjectFile(dir, path, texts[i % 2]);
`;

// The holder keeps itself alive (an interval) until the test kills it: the lock is released at
// a normal exit, and only a killed holder leaves its owner file behind.
const HOLDER = `
import { ProjectLock } from '${module('engine/server/file-lock.ts')}';
setInterval(() => undefined, 1 << 30);
new ProjectLock(process.argv[2]).run(() => {
  console.log(JSON.stringify({ held: true }));
  return new Promise(() => undefined);
});
`;

/** Rounds of each race: each round is a fresh race for the same base version (`npm run fuzz` is the place for many more). */
const ROUNDS = 8;

/**
 * The races and kills below are about files, not rules: they run on a project as `tiaoli new`
 * writes it, which each save checks in a fraction of the Qujing project's time.
 */
const RACED = 'rules/parameters/eligibility.yaml';

function expectOneWinner(kinds: string[], dir: string, texts: string[]): void {
  expect(kinds.slice().sort()).toEqual(['conflict', 'saved']);
  expect(readFileSync(join(dir, RACED), 'utf8')).toBe(texts[kinds.indexOf('saved')]);
}

describe('two writers on one project with the same base version: exactly one saves', () => {
  it(`two stores in one process, ${ROUNDS} rounds`, async () => {
    const dir = skeletonCopy();
    scratch.push(dir);
    const a = new ProjectStore(dir);
    const b = new ProjectStore(dir);
    for (let round = 0; round < ROUNDS; round++) {
      const base = versionOf(readFileSync(join(dir, RACED)));
      const texts = ['A', 'B'].map((who) => `${readFileSync(join(dir, RACED), 'utf8')}# ${who} ${round}\n`);
      const outcomes = await Promise.all([a.save(RACED, texts[0]!, base), b.save(RACED, texts[1]!, base)]);
      expectOneWinner(outcomes.map((o) => o.kind), dir, texts);
    }
    await Promise.all([a.close(), b.close()]);
  }, 180_000);

  it(`two processes, each with its store, ${ROUNDS} rounds`, async () => {
    const dir = skeletonCopy();
    scratch.push(dir);
    const procs = [child(SAVER, [dir]), child(SAVER, [dir])];
    try {
      const next = procs.map(lines);
      await Promise.all(next.map((n) => n()));
      for (let round = 0; round < ROUNDS; round++) {
        const base = versionOf(readFileSync(join(dir, RACED)));
        const texts = ['A', 'B'].map((who) => `${readFileSync(join(dir, RACED), 'utf8')}# ${who} ${round}\n`);
        procs.forEach((p, i) => p.stdin.write(`${JSON.stringify({ path: RACED, text: texts[i], base })}\n`));
        const outcomes = await Promise.all(next.map((n) => n()));
        expectOneWinner(outcomes.map((o) => o.kind), dir, texts);
      }
    } finally {
      for (const p of procs) p.kill('SIGKILL');
    }
  }, 180_000);

  it(`two real servers (npm start + npm run dev on one folder), ${ROUNDS} rounds: the second gets 409`, async () => {
    const dir = skeletonCopy();
    scratch.push(dir);
    const procs = [child(SERVER, [dir]), child(SERVER, [dir])];
    try {
      const servers = await Promise.all(procs.map((p) => lines(p)()));
      const put = async (server: { url: string; session: string | null }, text: string, baseVersion: string) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (server.session) headers['x-tiaoli-session'] = server.session;
        const res = await fetch(`${server.url}api/files?path=${encodeURIComponent(RACED)}`, { method: 'PUT', headers, body: JSON.stringify({ text, baseVersion }) });
        await res.text();
        return res.status;
      };
      for (let round = 0; round < ROUNDS; round++) {
        const base = versionOf(readFileSync(join(dir, RACED)));
        const texts = ['A', 'B'].map((who) => `${readFileSync(join(dir, RACED), 'utf8')}# ${who} ${round}\n`);
        const statuses = await Promise.all(servers.map((s, i) => put(s, texts[i]!, base)));
        expect(statuses.slice().sort()).toEqual([200, 409]);
        expect(readFileSync(join(dir, RACED), 'utf8')).toBe(texts[statuses.indexOf(200)]);
      }
    } finally {
      for (const p of procs) p.kill('SIGKILL');
    }
  }, 240_000);

  it('a lock left by a killed process is taken over (its process is gone), and the next save goes through', async () => {
    const dir = skeletonCopy();
    scratch.push(dir);
    const holder = child(HOLDER, [dir]);
    await lines(holder)();
    holder.kill('SIGKILL');
    await new Promise((r) => holder.on('exit', r));
    expect(existsSync(join(dir, '.tiaoli.lock'))).toBe(true);
    const store = new ProjectStore(dir);
    const text = readFileSync(join(dir, RACED), 'utf8');
    expect((await store.save(RACED, `${text}# after\n`, versionOf(text))).kind).toBe('saved');
    expect(existsSync(join(dir, '.tiaoli.lock'))).toBe(false);
    await store.close();
  }, 60_000);
});

describe('kill -9 during writes', () => {
  it('never leaves a torn file, and the next start cleans what the dead writer left', async () => {
    const dir = skeletonCopy();
    scratch.push(dir);
    const original = readFileSync(join(dir, RACED), 'utf8');
    const whole = new Set(['a', 'b'].map((c) => `# ${c}\n` + `${c}: "${c.repeat(400)}"\n`.repeat(1000)).concat(original));
    for (let round = 0; round < 8; round++) {
      const writer = child(WRITER, [dir, RACED]);
      await lines(writer)();
      await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 250)));
      writer.kill('SIGKILL');
      await new Promise((r) => writer.on('exit', r));
      const text = readFileSync(join(dir, RACED), 'utf8');
      expect(whole.has(text), `round ${round}: ${text.length} characters`).toBe(true);
    }
    cleanStaleTemporaries(dir);
    expect(readdirSync(join(dir, 'rules/parameters')).filter((n) => n.includes('tiaoli-tmp'))).toEqual([]);
    expect(statSync(join(dir, RACED)).isFile()).toBe(true);
  }, 180_000);
});

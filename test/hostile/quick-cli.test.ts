// The quick command line's new inputs: the build's own files (engine/dist: the validators'
// index and modules, the pre-read YAML data, the pre-built regulation) when damaged, and a long --jsonl stream whose
// chunks cut lines and characters anywhere, and worker threads of it that fail. Damaged build files are passed over (the schema
// is compiled, the YAML read, as without a build); the answers stay the same.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markBuilt, packageCopy, tiaoliIn } from '../support/package-copy.js';
import { generateCases } from '../bench/generate-cases.js';

const CASE = 'test/cases/12-materials/several-materials-missing.yaml';

describe('a damaged build is passed over, never trusted blindly', () => {
  let copy: string;
  let expected: string;
  let validators: string;
  beforeAll(() => {
    copy = packageCopy();
    markBuilt(copy);
    validators = join(copy, 'engine', 'dist', 'validators');
    expected = tiaoliIn(copy, ['decide', CASE]).stdout;
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  const decideAndReject = (): void => {
    const r = tiaoliIn(copy, ['decide', CASE]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
    // and the case schema still refuses a bad case, naming the field
    const bad = join(copy, 'bad.yaml');
    writeFileSync(bad, readFileSync(join(copy, CASE), 'utf8').replace('idNumber: "520102199501270369"', 'idNumber: "520102199501270360"'));
    const refused = tiaoliIn(copy, ['decide', 'bad.yaml']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('facts.person.idNumber');
  };

  it('an index of validators that is not JSON', () => {
    const index = join(validators, 'index.json');
    const kept = readFileSync(index);
    writeFileSync(index, '{ not json');
    decideAndReject();
    writeFileSync(index, kept);
  });

  it('validator modules that throw when loaded', () => {
    const modules = readdirSync(validators).filter((f) => f.endsWith('.cjs'));
    const kept = modules.map((f) => readFileSync(join(validators, f)));
    for (const f of modules) writeFileSync(join(validators, f), 'throw new Error("damaged");\n');
    decideAndReject();
    modules.forEach((f, i) => writeFileSync(join(validators, f), kept[i]));
  });

  it('an index naming files outside its folder', () => {
    const index = join(validators, 'index.json');
    const kept = readFileSync(index, 'utf8');
    const read = JSON.parse(kept) as { validators: Record<string, string> };
    for (const hash of Object.keys(read.validators)) read.validators[hash] = '../../../package.json';
    writeFileSync(index, JSON.stringify(read));
    decideAndReject();
    writeFileSync(index, kept);
  });

  it('pre-read YAML data that is not JSON, or not the shape it should have', () => {
    const sources = join(copy, 'engine', 'dist', 'sources.json');
    const kept = readFileSync(sources, 'utf8');
    writeFileSync(sources, kept.slice(0, kept.length / 2));
    decideAndReject();
    const read = JSON.parse(kept) as { sources: Record<string, string> };
    for (const hash of Object.keys(read.sources)) read.sources[hash] = JSON.stringify({ data: { articles: 'x' } });
    writeFileSync(sources, JSON.stringify(read));
    decideAndReject();
    writeFileSync(sources, kept);
  });

  it('a pre-built regulation that is cut short, not one, from another Node, or named outside its folder', () => {
    const dist = join(copy, 'engine', 'dist');
    const indexFile = join(dist, 'regulations.json');
    const kept = readFileSync(indexFile, 'utf8');
    const index = JSON.parse(kept) as { v8: string; regulations: Record<string, string> };
    const [bin] = Object.values(index.regulations);
    expect(bin).toMatch(/^[0-9a-f]{64}\.bin$/);
    const bytes = readFileSync(join(dist, bin));
    writeFileSync(join(dist, bin), bytes.subarray(0, bytes.length / 2));
    decideAndReject();
    writeFileSync(join(dist, bin), 'not a regulation');
    decideAndReject();
    writeFileSync(join(dist, bin), bytes);
    writeFileSync(indexFile, kept.slice(0, 20));
    decideAndReject();
    writeFileSync(indexFile, JSON.stringify({ ...index, v8: '0.0.0' }));
    decideAndReject();
    writeFileSync(indexFile, JSON.stringify({ ...index, regulations: Object.fromEntries(Object.keys(index.regulations).map((k) => [k, '../../package.json'])) }));
    decideAndReject();
    writeFileSync(indexFile, kept);
  });
});

describe('decide --jsonl reads a long stream in chunks', () => {
  let copy: string;
  beforeAll(() => { copy = packageCopy(); markBuilt(copy); });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('lines and Chinese characters cut across chunks come out whole, in order', () => {
    const facts = JSON.parse(tiaoliIn(copy, ['decide', '--brief', CASE]).stdout) as { asOf: string };
    const base = { asOf: facts.asOf, facts: { person: { idNumber: '520102199501270369' }, hukou: { county: '520102' } } };
    // names of growing length so that line ends and three-byte characters fall everywhere
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ ...base, facts: { ...base.facts, person: { ...base.facts.person, name: '欧阳'.repeat(1 + (i % 97)) } } }));
    const r = tiaoliIn(copy, ['decide', '--jsonl', '--brief'], `${lines.join('\n')}\n`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { error?: string; decisions?: unknown });
    expect(out).toHaveLength(400);
    expect(out.filter((o) => o.error)).toEqual([]);
    expect(new Set(out.map((o) => JSON.stringify(o.decisions))).size).toBe(1);
  });
});

describe('a worker thread of decide --jsonl that fails', () => {
  let copy: string;
  let expected: string;
  let input: string;
  const worker = (): string => join(copy, 'engine', 'dist', 'decide-worker.js');
  const decideLines = (): { status: number | null; stdout: string; stderr: string } => spawnSync(
    process.execPath, [join(copy, 'engine', 'cli', 'bin.js'), 'decide', '--jsonl', '--brief'],
    { cwd: copy, input, encoding: 'utf8', env: { ...process.env, TIAOLI_THREADS: '1' }, maxBuffer: 256 * 1024 * 1024 },
  );
  beforeAll(() => {
    copy = packageCopy();
    markBuilt(copy);
    input = `${generateCases(2500, 5).map((c) => JSON.stringify(c)).join('\n')}\n`;
    const alone = spawnSync(process.execPath, [join(copy, 'engine', 'cli', 'bin.js'), 'decide', '--jsonl', '--brief'],
      { cwd: copy, input, encoding: 'utf8', env: { ...process.env, TIAOLI_THREADS: '0' }, maxBuffer: 256 * 1024 * 1024 });
    expected = alone.stdout;
    expect(expected.trim().split('\n')).toHaveLength(2500);
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('cannot start: its lines are decided by the command itself', () => {
    const kept = readFileSync(worker());
    writeFileSync(worker(), 'throw new Error("damaged");\n');
    const r = decideLines();
    writeFileSync(worker(), kept);
    expect(r.stdout).toBe(expected);
  });

  it('stops in the middle of its lines: they are decided by the command itself, in order', () => {
    const kept = readFileSync(worker());
    writeFileSync(worker(), 'import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => process.exit(3));\n');
    const r = decideLines();
    writeFileSync(worker(), kept);
    expect(r.stdout).toBe(expected);
  });
});

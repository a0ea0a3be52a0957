// Hostile successor drafts: the request that starts one (POST /api/successors), the id a
// report or a publication names, and the `succeeds`/`draft` entries of rules/instruments.yaml.
// Each is refused with a Chinese message naming the field or the line; nothing is written
// outside successors/<id>/rules/, no prototype is touched, and a refusal writes nothing at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInstruments } from '../../engine/project/instruments/read-instruments.js';
import { draftsPublished, readSpec } from '../../engine/project/successors/start-successor.js';
import { pathRefusal } from '../../engine/server/project-files.js';
import { qujing, root } from '../support/regulation.js';
import { scratchServer, studioFetch } from '../support/studio-server.js';

const INSTRUMENTS = 'rules/instruments.yaml';
const instruments = readFileSync(join(root, INSTRUMENTS), 'utf8');
const DRAFT = `${instruments}  - id: qujing-2022
    title: 曲靖市居住证管理实施办法（2022年修订）
    level: municipal
    territory: ["530300"]
    inForce: { from: 2022-10-09, until: 2027-10-08 }
    implements: national-2016
    succeeds: qujing-2017
    project: successors/qujing-2022
    draft: true
`;
const check = (text: string) => readInstruments(text, INSTRUMENTS, qujing().base);
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a hostile request to start a successor', () => {
  it('inherited names, traversal, control characters, non-strings, impossible dates: each names its field', () => {
    for (const id of ['__proto__', 'constructor', '../rules', 'a/b', 'Qujing', '', 'x'.repeat(61), 42, null, ['qujing-2022']]) {
      expect(readSpec({ id, title: 't', from: '2022-10-09', until: '2027-10-08' }).errors.map((e) => e.field), String(id)).toEqual(['id']);
    }
    for (const title of ['', '  ', 'a\nb', 'x'.repeat(201), { toString: '曲靖' }]) {
      expect(readSpec({ id: 'q-1', title, from: '2022-10-09', until: '2027-10-08' }).errors.map((e) => e.field)).toEqual(['title']);
    }
    for (const from of ['2022-02-30', '2022-10-9', '20221009', '2022-10-09T00:00:00Z', 20221009]) {
      expect(readSpec({ id: 'q-1', title: 't', from, until: '2027-10-08' }).errors.map((e) => e.field)).toEqual(['from']);
    }
    expect(readSpec({ id: 'q-1', title: 't', from: '2027-10-09', until: '2022-10-08' }).errors[0]).toMatchObject({ field: 'until', message: expect.stringContaining('早于施行之日') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a successor path outside successors/<id>/rules/ is not writable', () => {
    for (const path of ['successors/q/x.yaml', 'successors/../rules/x.yaml', 'successors/q/rules/../../x.yaml', 'successors/Q/rules/x.yaml', 'successors/q/rules/x.hbs', 'successors/__proto__/forms/x.yaml']) {
      expect(pathRefusal(path), path).toMatch(/不能写入|只能放/);
    }
    expect(pathRefusal('successors/qujing-2022/rules/parameters/in-force.yaml')).toBeUndefined();
  });
});

describe('hostile successor entries in instruments.yaml', () => {
  it('a well-formed draft reads', () => {
    expect(check(DRAFT).problems).toEqual([]);
    expect(check(DRAFT).instruments?.list.at(-1)).toMatchObject({ id: 'qujing-2022', succeeds: 'qujing-2017', draft: true });
  });

  it('a successor elsewhere than successors/<its id>, one that succeeds nothing or itself, overlaps, or a draft that is not a boolean: at its line', () => {
    const cases: Array<[string, string, string]> = [
      ['project: successors/qujing-2022', 'project: projects/national-2016', 'successors/qujing-2022'],
      ['project: successors/qujing-2022', 'project: successors/../../etc', 'successors/qujing-2022'],
      ['succeeds: qujing-2017', 'succeeds: __proto__', '不是本清单中的文件'],
      ['succeeds: qujing-2017', 'succeeds: qujing-2022', '不能取代它自己'],
      ['from: 2022-10-09, until: 2027', 'from: 2022-10-08, until: 2027', '不能同时施行'],
      ['draft: true', 'draft: "yes"', 'draft 应是 true'],
    ];
    for (const [from, to, message] of cases) {
      const text = DRAFT.replace(from, to);
      const problems = check(text).problems;
      expect(problems.map((p) => p.message).join('；'), to).toContain(message);
      for (const p of problems) expect(p.location.line, to).toBeGreaterThan(lineOf(text, 'id: qujing-2022') - 1);
    }
  });

  it('taking `draft: true` out is seen as publishing, however the text is written; a text that does not parse publishes nothing', () => {
    expect(draftsPublished(DRAFT, DRAFT.replace('    draft: true\n', ''))).toEqual(['qujing-2022']);
    expect(draftsPublished(DRAFT, DRAFT.replace('draft: true', 'draft: false'))).toEqual(['qujing-2022']);
    expect(draftsPublished(DRAFT, DRAFT)).toEqual([]);
    expect(draftsPublished(DRAFT, 'a: [unclosed')).toEqual([]);
    expect(draftsPublished(DRAFT, '&a [*a]')).toEqual([]);
  });
});

const scratch = scratchServer();
async function api(method: string, path: string, body?: string) {
  const res = await studioFetch(scratch.server, path, { method, ...(body === undefined ? {} : { body }) });
  return { status: res.status, body: await res.json() };
}

describe('the successors API under hostile requests', () => {
  it('bodies that are not an object, prototype keys, traversing ids: refused, nothing written, the server still answers', async () => {
    for (const body of ['[]', 'null', '"x"', '{', '{"__proto__":{"id":"qujing-2022"},"title":"t","from":"2022-10-09","until":"2027-10-08"}', '{"id":"../../x","title":"t","from":"2022-10-09","until":"2027-10-08"}']) {
      const r = await api('POST', 'api/successors', body);
      expect([400, 422], body).toContain(r.status);
      expect(r.body.error, body).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const id of ['..%2F..%2Frules', '__proto__', 'constructor', '%00']) {
      expect((await api('GET', `api/successors/${id}`)).status, id).toBe(404);
    }
    expect(existsSync(join(scratch.dir, 'successors'))).toBe(false);
    expect(readFileSync(join(scratch.dir, INSTRUMENTS), 'utf8')).toBe(instruments);
    expect(readdirSync(join(scratch.dir, 'rules')).some((n) => n.includes('tiaoli-tmp'))).toBe(false);
    expect((await api('GET', 'api/successors')).body).toEqual({ successors: [] });
  });
});

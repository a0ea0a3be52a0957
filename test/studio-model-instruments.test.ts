// The studio in the browser decides as the server does (issue: "After 2022-10-08 it refuses
// applications the national 条例 still grants"): its model, built from GET /api/project's
// files and GET /api/project/superiors' read-only superior projects, gives every fixture of
// test/cases/23-outside-the-measures the same result as GET /api/project/fixtures, all passing.
import { describe, expect, it } from 'vitest';
import { buildProjectModel } from '../studio/src/impact/build-model.js';
import { chinaToday } from '../engine/core/dates/china-today.js';
import { scratchServer, studioFetch } from './support/studio-server.js';

const scratch = scratchServer();
const get = async (path: string) => (await studioFetch(scratch.server, path)).json();
const OUTSIDE = 'test/cases/23-outside-the-measures/';

describe('the browser model decides under the instrument in force', () => {
  it('gives the fixtures outside the measures\' term the server\'s results, all passing', async () => {
    const project = await get('api/project');
    const { superiors } = await get('api/project/superiors');
    // read-only: the superior's rules and print templates, not this project's files
    expect(superiors.map((s: { id: string; project: string }) => [s.id, s.project])).toEqual([['national-2016', 'projects/national-2016']]);
    expect(Object.keys(superiors[0].files)).toContain('rules/regulation.yaml');
    expect(Object.keys(superiors[0].files).some((p) => p.startsWith('forms/prints/'))).toBe(true);
    expect(Object.keys(project.files).some((p) => p.startsWith('projects/'))).toBe(false);
    const files = Object.fromEntries(Object.entries(project.files as Record<string, { text: string }>).map(([p, f]) => [p, f.text]));
    const built = await buildProjectModel(files, chinaToday(), [], superiors);
    const server = await get('api/project/fixtures');
    const pick = (list: Array<{ file: string }>) => list.filter((f) => f.file.startsWith(OUTSIDE)).sort((a, b) => a.file.localeCompare(b.file));
    const mine = pick(built.fixtures);
    expect(mine).toHaveLength(8);
    expect(mine.map((f) => [f.file, (f as { passed?: boolean }).passed])).toEqual(mine.map((f) => [f.file, true]));
    expect(JSON.parse(JSON.stringify(mine))).toEqual(pick(server.fixtures));
    // without the superior's files the 条例's cases cannot be decided: never the measures' refusal in their place
    const alone = await buildProjectModel(files, chinaToday(), [], []);
    const failing = pick(alone.fixtures).filter((f) => !(f as { passed?: boolean }).passed);
    expect(failing.length).toBeGreaterThan(0);
  }, 60_000);
});

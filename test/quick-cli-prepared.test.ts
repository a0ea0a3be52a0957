// What one `tiaoli decide` compiles and reads was all prepared by the build: every JSON
// Schema it compiles has a generated validator, every file of rules/ and forms/ it reads has
// its pre-read data. (The engine is imported only after the lookups are in place: some
// modules compile their schemas as they load.)
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// not support/regulation.ts: it loads the engine first
const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'engine', 'dist');

describe('the build prepares what a decide needs', () => {
  it('compiles no schema and reads no rule or form YAML that the build already did', async () => {
    const { usePrecompiledValidators } = await import('../engine/core/validation/ajv.js');
    const { useKnownSources } = await import('../engine/core/source-file.js');
    const { precompiledValidators } = await import('../engine/cli/precompiled-validators.js');
    const { precompiledSources } = await import('../engine/cli/precompiled-sources.js');
    const validators = precompiledValidators(join(dist, 'validators'));
    const sources = precompiledSources(join(dist, 'sources.json'));
    const compiled: string[] = [];
    const read: string[] = [];
    usePrecompiledValidators({ find: (text) => validators.find(text) ?? void compiled.push(text.slice(0, 80)) });
    const caseText = readFileSync(join(root, 'test/cases/12-materials/several-materials-missing.yaml'), 'utf8');
    useKnownSources({ find: (text) => sources.find(text) ?? (text === caseText ? undefined : void read.push(text.slice(0, 80))) });
    try {
      const { loadRegulationOrThrow } = await import('../engine/model/load-regulation.js');
      const { parseCase } = await import('../engine/model/case/validate-case.js');
      const { loadForms } = await import('../engine/project/forms/read-forms.js');
      const regulation = loadRegulationOrThrow(join(root, 'rules'));
      expect(parseCase(regulation, caseText, 'case.yaml').problems).toEqual([]);
      expect(loadForms(join(root, 'forms')).problems).toEqual([]);
    } finally {
      usePrecompiledValidators(undefined);
      useKnownSources(undefined);
    }
    expect(compiled).toEqual([]);
    expect(read).toEqual([]);
  });

  it('the regulation of rules/, wherever the folder is and however messages name it, and only for the same files', async () => {
    const { precompiledRegulations } = await import('../engine/cli/precompiled-regulation.js');
    const { loadRegulationFiles, readTextFiles } = await import('../engine/model/load-regulation.js');
    const known = precompiledRegulations(join(dist, 'regulations.json'));
    const files = readTextFiles(join(root, 'rules'));
    for (const [dir, shownAs] of [[join(root, 'rules'), 'rules'], ['/elsewhere/项目/rules', '../../elsewhere/项目/rules']]) {
      const built = loadRegulationFiles(dir, files, shownAs);
      expect(built.problems).toEqual([]);
      const found = known.find(files, dir, shownAs);
      expect(found).toBeDefined();
      expect(found).toEqual(built.regulation);
      expect(found!.rules[0].file.startsWith(`${shownAs}/`)).toBe(true);
    }
    const edited = new Map(files);
    edited.set('regulation.yaml', `${files.get('regulation.yaml')}\n`);
    expect(known.find(edited, join(root, 'rules'), 'rules')).toBeUndefined();
    const added = new Map(files).set('parameters/extra.yaml', '{}\n');
    expect(known.find(added, join(root, 'rules'), 'rules')).toBeUndefined();
    const removed = new Map(files);
    removed.delete([...files.keys()].find((f) => f.startsWith('interpretations/'))!);
    expect(known.find(removed, join(root, 'rules'), 'rules')).toBeUndefined();
  });
});

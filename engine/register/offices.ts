// The issuing office a decision is stored and numbered under, from the project's
// forms/offices.yaml, read and checked by the same reader as `tiaoli lint`, the studio and
// `tiaoli print` (engine/project/offices/read-offices.ts): an office with a problem there is
// not one the register numbers under (its county code is checked against the rules by the lint).
import type { Problem } from '../core/source-file.js';
import { readOffices } from '../project/offices/read-offices.js';
import type { Office } from '../project/offices/office-model.js';

export const OFFICES_FILE = 'forms/offices.yaml';

/**
 * An office as the register numbers under it: its numberPrefix in the file's documentNumber format,
 * and the documents numbered in series of their own (documentSeries), when the file has them.
 */
export interface RegisterOffice { id: string; name: string; numberPrefix: string; numberFormat: string; documentSeries?: Office['documentSeries'] }

export { OFFICE_ID } from '../project/offices/read-offices.js';

/** What the register keeps of an office the reader took. */
export function registerOffice(office: Office): RegisterOffice {
  return { id: office.id, name: office.name, numberPrefix: office.numberPrefix, numberFormat: office.numberFormat, ...(office.documentSeries ? { documentSeries: office.documentSeries } : {}) };
}

/** The office `id` in the offices file's text, or a problem at file:line:column saying why not. */
export function findOffice(source: string | Uint8Array | undefined, file: string, id: string): { office?: RegisterOffice; problem?: Problem } {
  if (source === undefined) {
    return { problem: { code: 'register.office', message: `没有 ${file}：登记前要有办证机关的清单（每个机关的 id、name、numberPrefix……）`, location: { file, line: 1, column: 1 } } };
  }
  const read = readOffices(source, file);
  const office = read.offices.get(id);
  if (office) return { office: registerOffice(office) };
  const broken = read.broken.get(id);
  if (broken) return { problem: { ...broken, message: `办证机关 ${id} 不能用：${broken.message}` } };
  // a file that is not an offices file at all: its first problem
  if (read.offices.size === 0 && read.broken.size === 0 && read.problems.length) return { problem: read.problems[0] };
  const ids = [...read.offices.keys()];
  return {
    problem: {
      code: 'register.office',
      message: `${file} 中没有 id 为 ${JSON.stringify(id).slice(0, 80)} 的办证机关${ids.length ? `；有：${ids.slice(0, 20).join('、')}` : ''}`,
      location: { file, line: 1, column: 1 },
    },
  };
}

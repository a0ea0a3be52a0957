// A project's instruments from files held in memory (the studio in the browser): this
// project's rules/instruments.yaml and mappings, and each superior project's files as the
// server sent them (read-only). The same LoadedInstruments as load-instruments.ts reads from
// disk, so the browser decides with the same InstrumentDecider as `tiaoli decide` and the server.
import { loadRegulationFiles } from '../../model/build-regulation.js';
import type { LoadResult } from '../../model/build-regulation.js';
import type { Problem } from '../../core/source-file.js';
import type { Regulation } from '../../model/model.js';
import { INSTRUMENTS_FILE, readInstruments } from './read-instruments.js';
import { readMapping } from './read-mapping.js';
import type { LoadedInstruments } from './loaded-instruments.js';

/** A superior instrument's project as shipped to the studio: its files (rules/…, forms/prints/…, forms/offices.yaml), path → text. */
export interface SuperiorProjectFiles {
  /** the instrument's id in instruments.yaml */
  id: string;
  /** its project folder, as instruments.yaml names it */
  project: string;
  files: Record<string, string>;
}

/** The files below one folder, named relative to it. */
function below(files: Record<string, string>, dir: string): Map<string, string> {
  return new Map(Object.entries(files).filter(([p]) => p.startsWith(`${dir}/`)).map(([p, t]) => [p.slice(dir.length + 1), t]));
}

/** Each shipped superior project's rules, loaded (by instrument id): made once, used for the check of fixtures and the decider. */
export function superiorRules(superiors: readonly SuperiorProjectFiles[]): Map<string, LoadResult> {
  return new Map(superiors.map((s) => [s.id, loadRegulationFiles(`${s.project}/rules`, below(s.files, 'rules'), `${s.project}/rules`)]));
}

/**
 * `files`: this project's files (path → text); `superiors`: the superior projects' files by
 * instrument id. An instrument whose files did not come is unavailable (a case that needs it
 * is an error naming it), as a project folder missing on disk.
 */
export function instrumentsFromFiles(files: Record<string, string>, regulation: Regulation, superiors: readonly SuperiorProjectFiles[], rules: ReadonlyMap<string, LoadResult> = superiorRules(superiors)): LoadedInstruments {
  const loaded: LoadedInstruments = { superiors: new Map(), successors: new Map(), problems: [], fileProblems: [], unavailable: new Map(), warnings: [] };
  const path = `rules/${INSTRUMENTS_FILE}`;
  if (!Object.hasOwn(files, path)) return loaded;
  const read = readInstruments(files[path]!, path, regulation);
  if (!read.instruments) return { ...loaded, fileProblems: read.problems };
  const byId = new Map(superiors.map((s) => [s.id, s]));
  const problems: Problem[] = [];
  read.instruments.list.forEach((instrument, index) => {
    if (instrument.succeeds !== undefined) {
      // a later version of this project's text: its files are this project's (successors/<id>/rules/…)
      const own = below(files, `${instrument.project}/rules`);
      if (!own.has('regulation.yaml')) {
        const message = `instruments 第 ${index + 1} 件 ${instrument.id}（《${instrument.title}》）：找不到它的规则 ${instrument.project}/rules/regulation.yaml；须依它决定的案件无法决定`;
        loaded.warnings.push({ code: 'instruments.project', message, location: instrument.at.project });
        loaded.unavailable.set(instrument.id, message);
        return;
      }
      const built = loadRegulationFiles(`${instrument.project}/rules`, own, `${instrument.project}/rules`);
      if (!built.regulation) problems.push({ code: 'instruments.project', message: `${instrument.id} 的规则（${instrument.project}/rules）有 ${built.problems.length} 处错误，无法依它决定`, location: instrument.at.project });
      else loaded.successors.set(instrument.id, { instrument, regulation: built.regulation });
      return;
    }
    if (instrument.project === 'self' || instrument.mapping === undefined) return;
    const shipped = byId.get(instrument.id);
    if (!shipped || shipped.project !== instrument.project || !Object.hasOwn(shipped.files, 'rules/regulation.yaml')) {
      const message = `instruments 第 ${index + 1} 件 ${instrument.id}（《${instrument.title}》）：服务器没有送来它的项目 ${instrument.project}（其中应有 rules/regulation.yaml）；须依它决定的案件无法决定`;
      loaded.warnings.push({ code: 'instruments.project', message, location: instrument.at.project });
      loaded.unavailable.set(instrument.id, message);
      return;
    }
    const superiorRules = rules.get(instrument.id) ?? { problems: [] };
    if (!superiorRules.regulation) {
      problems.push({ code: 'instruments.project', message: `${instrument.id} 的规则（${instrument.project}/rules）有 ${superiorRules.problems.length} 处错误，无法依它决定`, location: instrument.at.project });
      return;
    }
    const mappingPath = `rules/${instrument.mapping}`;
    if (!Object.hasOwn(files, mappingPath)) {
      problems.push({ code: 'instruments.mapping', message: `找不到 ${instrument.id} 的对应文件 ${mappingPath}`, location: instrument.at.mapping ?? instrument.at.project });
      return;
    }
    const mapping = readMapping(files[mappingPath]!, mappingPath, regulation, superiorRules.regulation, instrument.id);
    problems.push(...mapping.problems);
    if (mapping.mapping) loaded.superiors.set(instrument.id, { instrument, regulation: superiorRules.regulation, mapping: mapping.mapping });
  });
  return { ...loaded, instruments: read.instruments, problems };
}

// A project's instruments read from disk (Node): rules/instruments.yaml, and for each other
// instrument its project's rules and this project's mapping onto them. A project without
// instruments.yaml decides as before (no `instrument` in its documents).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadRegulation } from '../../model/load-regulation.js';
import type { Problem } from '../../core/source-file.js';
import type { Regulation } from '../../model/model.js';
import { INSTRUMENTS_FILE, readInstruments } from './read-instruments.js';
import { readMapping } from './read-mapping.js';
import type { LoadedInstruments } from './loaded-instruments.js';

export type { LoadedInstruments } from './loaded-instruments.js';

/**
 * `rulesDir`: this project's rules; `shownAs`: how that folder is named in messages;
 * `projectDirs`: id → a project folder to use instead of the one instruments.yaml names
 * (`tiaoli conformance --superior DIR`); `projectDir`: the folder `project:` paths start from
 * (default: the one holding the rules).
 */
export function loadInstruments(rulesDir: string, regulation: Regulation, shownAs: string, projectDirs: ReadonlyMap<string, string> = new Map(), projectDir = dirname(resolve(rulesDir))): LoadedInstruments {
  const superiors: LoadedInstruments['superiors'] = new Map();
  const successors: LoadedInstruments['successors'] = new Map();
  const path = join(rulesDir, INSTRUMENTS_FILE);
  if (!existsSync(path)) return { superiors, successors, problems: [], fileProblems: [], unavailable: new Map(), warnings: [] };
  const read = readInstruments(readFileSync(path), `${shownAs}/${INSTRUMENTS_FILE}`, regulation);
  if (!read.instruments) return { superiors, successors, problems: [], fileProblems: read.problems, unavailable: new Map(), warnings: [] };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const unavailable = new Map<string, string>();
  read.instruments.list.forEach((instrument, index) => {
    if (instrument.succeeds !== undefined) {
      // a later version of this project's text: its rules inside this project (successors/<id>/rules)
      const successorRules = join(projectDir, instrument.project, 'rules');
      if (!existsSync(join(successorRules, 'regulation.yaml'))) {
        const message = `instruments 第 ${index + 1} 件 ${instrument.id}（《${instrument.title}》）：找不到它的规则 ${instrument.project}/rules/regulation.yaml；须依它决定的案件无法决定`;
        warnings.push({ code: 'instruments.project', message, location: instrument.at.project });
        unavailable.set(instrument.id, message);
        return;
      }
      const loaded = loadRegulation(successorRules);
      if (!loaded.regulation) {
        problems.push({ code: 'instruments.project', message: `${instrument.id} 的规则（${instrument.project}/rules）有 ${loaded.problems.length} 处错误，无法依它决定`, location: instrument.at.project });
        return;
      }
      successors.set(instrument.id, { instrument, regulation: loaded.regulation });
      return;
    }
    if (instrument.project === 'self' || instrument.mapping === undefined) return;
    const dir = projectDirs.get(instrument.id) ?? join(projectDir, instrument.project);
    const superiorRules = join(dir, 'rules');
    if (!existsSync(join(superiorRules, 'regulation.yaml')) || !statSync(superiorRules).isDirectory()) {
      const message = `instruments 第 ${index + 1} 件 ${instrument.id}（《${instrument.title}》）：找不到它的项目 ${relative(process.cwd(), dir) || '.'}（其中应有 rules/regulation.yaml）；须依它决定的案件无法决定`;
      warnings.push({ code: 'instruments.project', message, location: instrument.at.project });
      unavailable.set(instrument.id, message);
      return;
    }
    const loaded = loadRegulation(superiorRules);
    if (!loaded.regulation) {
      problems.push({ code: 'instruments.project', message: `${instrument.id} 的规则（${relative(process.cwd(), superiorRules)}）有 ${loaded.problems.length} 处错误，无法依它决定`, location: instrument.at.project });
      return;
    }
    const mappingPath = join(rulesDir, instrument.mapping);
    if (!existsSync(mappingPath)) {
      problems.push({ code: 'instruments.mapping', message: `找不到 ${instrument.id} 的对应文件 ${shownAs}/${instrument.mapping}`, location: instrument.at.mapping ?? instrument.at.project });
      return;
    }
    const mapping = readMapping(readFileSync(mappingPath), `${shownAs}/${instrument.mapping}`, regulation, loaded.regulation, instrument.id);
    problems.push(...mapping.problems);
    if (mapping.mapping) superiors.set(instrument.id, { instrument, regulation: loaded.regulation, mapping: mapping.mapping });
  });
  return { instruments: read.instruments, superiors, successors, problems, fileProblems: [], unavailable, warnings };
}

export { projectDecider } from './instrument-decider.js';

// The superior instruments' projects as the studio in the browser needs them to decide as the
// server does (rules/instruments.yaml names them): each one's rules/ (but population/) and the
// forms it prints from (forms/prints/, forms/offices.yaml). Read-only: these files are not
// editable from this project's studio. Only folders inside the served project are read: an
// instruments.yaml that names a folder elsewhere (`project: ../../x`) is not followed here.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { readTextFiles } from '../model/load-regulation.js';
import { INSTRUMENTS_FILE, readInstruments } from '../project/instruments/read-instruments.js';
import type { Regulation } from '../model/model.js';
import type { SuperiorProjectFiles } from '../project/instruments/instruments-from-files.js';

/** Is `dir` (resolved through links) inside `root`? */
function inside(root: string, dir: string): boolean {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return false;
  }
  const rel = relative(realpathSync(root), real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** `root`: the served project's folder; `instrumentsText`: its rules/instruments.yaml, when it has one; `regulation`: its rules (the terms name their date parameters). */
export function readSuperiorFiles(root: string, instrumentsText: string | undefined, regulation: Regulation | undefined): SuperiorProjectFiles[] {
  if (instrumentsText === undefined || !regulation) return [];
  const read = readInstruments(instrumentsText, `rules/${INSTRUMENTS_FILE}`, regulation);
  if (!read.instruments) return [];
  const out: SuperiorProjectFiles[] = [];
  for (const instrument of read.instruments.list) {
    if (instrument.project === 'self' || instrument.mapping === undefined) continue;
    const dir = join(root, instrument.project);
    const rules = join(dir, 'rules');
    if (!inside(root, dir) || !existsSync(join(rules, 'regulation.yaml')) || !statSync(rules).isDirectory()) continue;
    const files: Record<string, string> = {};
    for (const [p, t] of readTextFiles(rules)) if (!p.startsWith('population/')) files[`rules/${p}`] = t;
    const prints = join(dir, 'forms', 'prints');
    if (existsSync(prints)) for (const [p, t] of readTextFiles(prints, /\.(ya?ml|hbs)$/)) files[`forms/prints/${p}`] = t;
    const offices = join(dir, 'forms');
    if (existsSync(join(offices, 'offices.yaml'))) {
      const text = readTextFiles(offices, /^offices\.yaml$/).get('offices.yaml');
      if (text !== undefined) files['forms/offices.yaml'] = text;
    }
    out.push({ id: instrument.id, project: instrument.project, files });
  }
  return out;
}

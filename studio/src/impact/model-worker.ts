// The studio's model, built off the main thread: the project checked (checkProject: rules,
// forms, print templates, fixtures) and every fixture decided, in a worker, so the page keeps
// answering keystrokes while the rules are rebuilt. Only plain data comes back: the
// regulation (a plain record), the problems and the fixtures' results with a slim trace.
import * as Comlink from 'comlink';
import { buildProjectModel } from './build-model.js';
import { keepReadTexts } from './known-texts.js';
import type { SuperiorProjectFiles } from '../../../engine/project/instruments/instruments-from-files.js';

keepReadTexts(); // an edit re-reads only the file it changed

export type { BuiltModel } from './build-model.js';

const api = {
  build: buildProjectModel,
  /**
   * The saved files checked once and nothing sent back, while the person reads: the first edit
   * then finds every file it did not change already read, the schemas compiled and the rules'
   * code warm (cold, that first rebuild took some 1.5 s more). A few fixtures are decided, for
   * the deciding code to be compiled; the server has decided them all.
   */
  async warm(files: Record<string, string>, today: string, superiors: SuperiorProjectFiles[]): Promise<void> {
    await buildProjectModel(files, today, [], superiors, 24);
  },
};

export type ModelApi = typeof api;
Comlink.expose(api);

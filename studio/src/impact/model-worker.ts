// The studio's model, built off the main thread: the project checked (checkProject: rules,
// forms, print templates, fixtures) and every fixture decided, in a worker, so the page keeps
// answering keystrokes while the rules are rebuilt. Only plain data comes back: the
// regulation (a plain record), the problems and the fixtures' results with a slim trace.
import * as Comlink from 'comlink';
import { buildProjectModel } from './build-model.js';
import { keepReadTexts } from './known-texts.js';

keepReadTexts(); // an edit re-reads only the file it changed

export type { BuiltModel } from './build-model.js';

const api = { build: buildProjectModel };

export type ModelApi = typeof api;
Comlink.expose(api);

// GET /api/project: every editable file with its version, the ruleset hash and the title,
// from the store's checked snapshot (re-read only when files changed on disk), and what the
// server's check of them found: the rules and forms as built (`checked`), so the studio
// shows its first page without checking the project again in the browser.
import type { Hono } from 'hono';
import type { ProjectSnapshot, ProjectStore } from '../project-store.js';
import type { FormSet } from '../../project/forms/form-model.js';
import { snapshotFixtures, snapshotName } from '../snapshot-fixtures.js';
import { readSuperiorFiles } from '../superior-files.js';

/** The counter forms as built, without the parsed source files (only a check reads those; the studio re-reads them if it must). */
function shippedForms(forms: FormSet | undefined): unknown {
  if (!forms) return undefined;
  return { dir: forms.dir, common: forms.common, forms: Object.fromEntries(Object.entries(forms.forms).map(([name, { sources: _s, ...form }]) => [name, form])) };
}

/**
 * The answer to GET /api/project for a snapshot, written out once per snapshot (some 450 KB of
 * files, 250 KB of rules and forms): every later load while nothing changed on disk sends the
 * same text. `problems`: every file that cannot be read or checked is listed with its error,
 * so the studio can show it while the rest of the project loads.
 */
export async function projectBody(store: ProjectStore, snapshot: ProjectSnapshot): Promise<string> {
  const name = await snapshotName(store, snapshot);
  return store.remember(snapshot, 'project.json', () => JSON.stringify({
    snapshot: name,
    files: snapshot.files,
    ruleset: snapshot.ruleset,
    title: snapshot.title,
    problems: snapshot.problems,
    checked: snapshot.regulation ? { regulation: snapshot.regulation, forms: shippedForms(snapshot.forms), offices: snapshot.offices ? [...snapshot.offices] : undefined, warnings: snapshot.warnings } : undefined,
  }));
}

export function projectRoute(app: Hono, store: ProjectStore): void {
  app.get('/api/project', async (c) => {
    const snapshot = await store.snapshot();
    const body = await projectBody(store, snapshot);
    // the fixtures' results are asked for next: start them now if they are not already running
    snapshotFixtures(store, snapshot)?.catch(() => undefined);
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  // The superior instruments' projects (rules/instruments.yaml), read-only, so the studio in
  // the browser decides each case under the instrument in force as the server does. Asked for
  // beside GET /api/project, not inside it: the first page does not wait for them.
  app.get('/api/project/superiors', async (c) => {
    const snapshot = await store.snapshot();
    const body = await store.remember(snapshot, 'superiors.json', () => {
      const text = Object.hasOwn(snapshot.files, 'rules/instruments.yaml') ? snapshot.files['rules/instruments.yaml']!.text : undefined;
      return JSON.stringify({ superiors: readSuperiorFiles(store.root, text, snapshot.regulation) });
    });
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}

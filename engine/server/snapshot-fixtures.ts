// Every fixture of a snapshot decided once, on the server, and kept with the snapshot: the
// studio's first page shows the project at once and fills in what the fixtures reach when
// these results arrive. The fixtures run one at a time with a turn of the event loop between
// them, so the server keeps answering (the studio's own files, a save) while they run.
import { runFixture, type FixtureResult } from '../project/fixtures/run-fixtures.js';
import { slimFixture } from '../project/fixtures/slim-fixture.js';
import { versionOf } from './project-files.js';
import type { ProjectSnapshot, ProjectStore } from './project-store.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The fixture files of a snapshot, in the order the studio lists them. */
export function fixtureFiles(snapshot: ProjectSnapshot): Array<{ name: string; text: string }> {
  return Object.entries(snapshot.files)
    .filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, file]) => ({ name, text: file.text }));
}

/**
 * Names one snapshot: the same files (paths and versions) give the same name. The studio
 * takes the fixtures' results only when they name the snapshot its files came from.
 */
export function snapshotName(store: ProjectStore, snapshot: ProjectSnapshot): Promise<string> {
  return store.remember(snapshot, 'name', () => versionOf(Object.entries(snapshot.files).map(([p, f]) => `${p}\0${f.version}`).sort().join('\n')));
}

/** The snapshot's fixtures decided (with slim traces); undefined when its rules cannot decide. */
export function snapshotFixtures(store: ProjectStore, snapshot: ProjectSnapshot): Promise<FixtureResult[]> | undefined {
  const decider = snapshot.decider;
  if (!snapshot.regulation || !decider) return undefined;
  return store.remember(snapshot, 'fixtures.slim', async () => {
    const results: FixtureResult[] = [];
    for (const f of fixtureFiles(snapshot)) {
      await nextTurn();
      if (store.closed) throw new Error('服务器已关闭');
      results.push(slimFixture(await runFixture(decider, f.name, f.text)));
    }
    return results;
  });
}

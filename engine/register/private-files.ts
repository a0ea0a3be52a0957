// The register's files are personal data: its folders 0700 and its files 0600, whatever the
// umask. PGlite (Emscripten's NODEFS) makes the files of a new database 0666; PostgreSQL itself
// makes the files it adds later 0600. The folders are made 0700 before PGlite writes anything
// into them, so nobody else can reach a file in the moment before it is closed down.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A folder made (with its missing parents) and set to 0700. */
export function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Every folder below `dir` (and it) 0700, every file 0600; links are not followed. */
export function closeDown(dir: string): void {
  const walk = (path: string): void => {
    chmodSync(path, 0o700);
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && (lstatSync(child).mode & 0o077) !== 0) chmodSync(child, 0o600);
    }
  };
  walk(dir);
}

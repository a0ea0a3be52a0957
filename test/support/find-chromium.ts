// Where the browser tests find Chromium: $CHROMIUM (or the older $CHROMIUM_PATH), else the
// first of Debian's and the usual names on PATH. A test tool's own browser download does not
// work here, so the tests drive the system's Chromium.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export type ChromiumLookup = { path: string } | { error: string };

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const named = env.CHROMIUM || env.CHROMIUM_PATH;
  if (named) return executable(named) ? { path: named } : { error: `CHROMIUM=${named} 不是可执行文件` };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (executable(join(dir, name))) return { path: join(dir, name) };
  }
  return { error: `PATH 上没有 ${NAMES.join('、')}` };
}

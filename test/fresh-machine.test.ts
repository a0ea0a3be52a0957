// `npm test` on a fresh machine: it finds Chromium by itself (CHROMIUM, PATH), installs
// Debian's when it may, and otherwise stops with one line saying what to do.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from './support/find-chromium.js';
import { root } from './support/regulation.js';

function ensure(env: NodeJS.ProcessEnv) {
  const script = join(root, 'test', 'support', 'ensure-chromium.ts');
  return spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, env, encoding: 'utf8' });
}

describe('the browser tests find their Chromium', () => {
  it('finds one on PATH without being told where', () => {
    const found = findChromium({ PATH: process.env.PATH });
    expect(found).toHaveProperty('path');
    expect(ensure({ PATH: process.env.PATH, TIAOLI_NO_INSTALL: '1' }).status).toBe(0);
  });

  it('with none and no permission to install, stops with one line naming the packages', () => {
    const r = ensure({ PATH: '/nonexistent', TIAOLI_NO_INSTALL: '1' });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('apt-get install -y chromium fonts-noto-cjk');
  });

  it('names a CHROMIUM that is not there', () => {
    const r = ensure({ PATH: process.env.PATH, CHROMIUM: '/nonexistent/chromium', TIAOLI_NO_INSTALL: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('CHROMIUM=/nonexistent/chromium');
  });
});

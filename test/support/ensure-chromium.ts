// Run by `npm test` before the tests: makes sure the browser tests have a Chromium and CJK
// fonts. On a fresh Debian machine, as root, it installs Debian's `chromium fonts-noto-cjk`;
// otherwise it stops with one line saying what to do. TIAOLI_NO_INSTALL=1 never installs.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.js';

const PACKAGES = ['chromium', 'fonts-noto-cjk'];
const INSTRUCTION = `浏览器测试需要 Chromium 和中文字体：请运行 sudo apt-get install -y ${PACKAGES.join(' ')}，或设置 CHROMIUM=/path/to/chromium`;

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

function mayInstall(): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  return isRoot && hasApt && process.env.TIAOLI_NO_INSTALL !== '1';
}

function install(): boolean {
  process.stderr.write(`安装浏览器测试所需的 ${PACKAGES.join(' ')}（Debian 软件包）…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (update.status !== 0) return false;
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'], env });
  return r.status === 0;
}

let found = findChromium();
const fonts = hasCjkFont();
if ((!('path' in found) || !fonts) && mayInstall()) {
  if (install()) found = findChromium();
}
if (!('path' in found)) {
  process.stderr.write(`${found.error}。${INSTRUCTION}\n`);
  process.exit(1);
}
if (!hasCjkFont()) {
  process.stderr.write(`没有中文字体（fc-list :lang=zh 为空）。${INSTRUCTION}\n`);
  process.exit(1);
}

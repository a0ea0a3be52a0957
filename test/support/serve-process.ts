// `tiaoli serve` as its own process, as a user starts it: to show that no request ends it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from './regulation.js';

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  alive: () => boolean;
  output: () => string;
  stop: () => Promise<void>;
}

export function serveProcess(args: string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), 'serve', '--port', '0', ...args], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = () => new Promise<void>((done) => {
    if (!alive()) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void stop(); reject(new Error(`tiaoli serve did not start in 30 s:\n${out}`)); }, 30_000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`tiaoli serve ended (${code}):\n${out}`)); });
    child.stdout!.on('data', () => {
      const m = /(http:\/\/\S+?\/)(\?token=(\S+))?\n/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: m[1]!, child, alive, output: () => out, stop });
    });
  });
}

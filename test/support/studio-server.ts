// Helpers for tests of `tiaoli serve`: a stand-in built studio, API calls as the studio
// page makes them, raw HTTP for requests no fetch() would send, and a fingerprint of a
// project folder to show that nothing was written.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, mkdirSync, writeFileSync, lstatSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from './project-copy.js';

/** A minimal studio/dist: an index.html and one asset. */
export function fakeStudio(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-studio-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>\n<html>\n  <head>\n    <title>条例工作室</title>\n  </head>\n  <body></body>\n</html>\n');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1);\n');
  return dir;
}

export interface Served { url: string; session: string; token?: string }

/** fetch() as the studio page does it: JSON, this start's session secret, the token if any. */
export function studioFetch(server: Served, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      'x-tiaoli-session': server.session,
      ...(server.token ? { authorization: `Bearer ${server.token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

export interface RawAnswer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** One HTTP request through node:http (which, unlike fetch, lets a test set Host). */
export function httpRequest(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
    req.end(options.body);
  });
}

/**
 * Bytes written straight to the socket, for request lines and headers that node:http would
 * refuse to send. Resolves with the status of the first answer; a request the server is
 * still waiting on (an incomplete body) is half-closed after `idleMs` of silence, and a
 * connection the server just closes gives status 0.
 */
export function rawRequest(url: string, bytes: string | Buffer, idleMs = 500): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      socket.destroy();
      resolve({ status: m ? Number(m[1]) : 0, text });
    };
    let idle = setTimeout(() => socket.end(), idleMs);
    socket.setTimeout(30_000, () => socket.destroy(new Error('no answer in 30 s')));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      clearTimeout(idle);
      const text = Buffer.concat(chunks).toString('latin1');
      // the whole head of a final answer (a 100 Continue is not one)
      if (/^HTTP\/1\.[01] (?!1\d\d)\d{3}[^]*?\r\n\r\n/.test(text.replace(/^HTTP\/1\.[01] 1\d\d[^]*?\r\n\r\n/, ''))) done();
      else idle = setTimeout(() => socket.end(), idleMs);
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? done() : reject(e)));
    socket.write(bytes);
  });
}

/** A project copy inside an otherwise empty folder, so a write outside the project would show. */
export function nestedProjectCopy(): { outer: string; dir: string } {
  const outer = mkdtempSync(join(tmpdir(), 'tiaoli-outer-'));
  const dir = join(outer, 'project');
  renameSync(projectCopy(), dir);
  return { outer, dir };
}

/** path → sha256 of every file and link below `dir` (lock and temporary files of a save excluded). */
export function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      if (name === '.tiaoli.lock') continue;
      const path = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(join(dir, path));
      if (stat.isDirectory()) walk(path);
      else out.set(path, stat.isFile() ? createHash('sha256').update(readFileSync(join(dir, path))).digest('hex') : `link:${stat.mode}`);
    }
  };
  walk('');
  return out;
}

/** The paths whose content differs between two fingerprints (added, removed or changed). */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

/**
 * Sends a request head, then a body of `size` bytes ('a's) in 64 KB pieces — declared with
 * Content-Length, or chunked — until the server answers; resolves with that answer's status
 * and how many body bytes had been sent. (A server that refuses early may reset the
 * connection while a fetch() is still uploading; a browser or fetch() then sees no answer.)
 */
export function sendLargeBody(url: string, head: string, size: number, chunked: boolean): Promise<{ status: number; sent: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let sent = 0;
    let answer = '';
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      socket.destroy();
      resolve({ status: m ? Number(m[1]) : 0, sent, text: answer });
    };
    socket.setTimeout(30_000, () => socket.destroy(new Error('no answer in 30 s')));
    socket.on('data', (c: Buffer) => {
      answer += c.toString('utf8');
      if (/\r\n\r\n/.test(answer) && (!/content-length: (\d+)/i.test(answer) || Buffer.byteLength(answer.split('\r\n\r\n').slice(1).join('\r\n\r\n')) >= Number(/content-length: (\d+)/i.exec(answer)![1]))) finish();
    });
    socket.on('close', finish);
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? finish() : reject(e)));
    socket.write(`${head}${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`}\r\n\r\n`);
    const piece = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!finished && sent < size) {
        const n = Math.min(piece.length, size - sent);
        const data = chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')]) : piece.subarray(0, n);
        sent += n;
        if (!socket.write(data)) return void socket.once('drain', pump);
      }
      if (!finished && chunked) socket.write('0\r\n\r\n');
    };
    setTimeout(pump, 50);
  });
}

/**
 * `tiaoli serve` on a scratch copy of the project for the tests of one file: started before
 * them, closed after. Read `dir` and `server` inside the tests (they are set in beforeAll).
 */
export function scratchServer(): { readonly dir: string; readonly server: Awaited<ReturnType<typeof startServer>> } {
  let dir = '';
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  beforeAll(async () => {
    dir = projectCopy();
    server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: fakeStudio() });
  });
  afterAll(() => server?.close());
  return {
    get dir() {
      return dir;
    },
    get server() {
      if (!server) throw new Error('the scratch server is started in beforeAll');
      return server;
    },
  };
}

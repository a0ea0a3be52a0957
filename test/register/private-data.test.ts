// Personal data in the register is kept from everyone but its owner: on the embedded register,
// under umask 022 (a child process with that umask), every folder is 0700 and every file 0600
// (the key file and the server's note too), and after stores, searches and a refused store
// through a real server, no ID number or phone stands in any file of the data folder — the
// database, its write-ahead log, the key file — nor in the server's output (its log).
import { spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { application, complete, OFFICES } from './cases.js';

const module = (path: string): string => pathToFileURL(join(root, path)).href;

const IDS = ['510104199003070015', '510104198905050369'];
const PHONE = '13987654321';

// a server on a fresh data folder: three stores (one refused), a search by ID number, then it stops
const SERVER = `
import { startServer } from '${module('engine/server/serve.ts')}';
import { openRegister, RegisterAccess } from '${module('engine/register/open-register.ts')}';
import { fakeStudio, studioFetch } from '${module('test/support/studio-server.ts')}';
const [project, data, cases] = process.argv.slice(2);
const env = { TIAOLI_DATA: data };
const server = await startServer({ root: project, port: 0, host: '127.0.0.1', studio: fakeStudio(), dataFolder: data, register: new RegisterAccess(() => openRegister(project, { env })) });
const post = (path, body) => studioFetch(server, path, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
const statuses = [];
for (const [i, c] of JSON.parse(cases).entries()) statuses.push((await post('api/register/decisions', { case: c, officeId: 'test-office', operator: '王警官', requestId: 'request-' + i })).status);
statuses.push((await post('api/register/decisions', { case: JSON.parse(cases)[0], officeId: 'nowhere', operator: '王警官' })).status);
statuses.push((await post('api/register/search', { idNumber: '${IDS[0]}' })).body.entries.length);
console.log(JSON.stringify(statuses));
await server.close();
`;

function walk(dir: string, out: string[] = []): string[] {
  out.push(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

describe('the embedded register keeps personal data private', () => {
  it('under umask 022: folders 0700, files 0600, and no ID number or phone in any file or in the server\'s log', async () => {
    const project = projectCopy();
    writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES);
    const data = mkdtempSync(join(tmpdir(), 'tiaoli-private-'));
    const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-private-child-'));
    const script = join(scratch, 'server.mts');
    writeFileSync(script, SERVER);
    const withPhone = application('李四', IDS[1]!, complete);
    (withPhone.facts.person as Record<string, unknown>).phone = PHONE;
    const cases = JSON.stringify([application('张三', IDS[0]!, complete), withPhone]);
    const child = spawn('/bin/sh', ['-c', 'umask 022; exec "$0" --import tsx "$@"', process.execPath, script, project, data, cases], { cwd: root });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code, log).toBe(0);
    expect(JSON.parse(log.trim().split('\n').pop()!)).toEqual([201, 201, 422, 1]);

    const paths = walk(data);
    expect(paths.length).toBeGreaterThan(100); // the database's own files, its WAL, the key file
    expect(paths.some((p) => p.endsWith('register.key'))).toBe(true);
    const open = paths.filter((p) => (lstatSync(p).mode & 0o077) !== 0).map((p) => `${p} ${(lstatSync(p).mode & 0o777).toString(8)}`);
    expect(open).toEqual([]);

    const secrets = [...IDS, PHONE].map((s) => Buffer.from(s));
    const found: string[] = [];
    for (const p of paths) {
      if (lstatSync(p).isDirectory()) continue;
      const bytes = readFileSync(p);
      for (const s of secrets) if (bytes.includes(s)) found.push(`${p}: ${s}`);
    }
    for (const s of secrets) if (Buffer.from(log).includes(s)) found.push(`log: ${s}`);
    expect(found).toEqual([]);
  }, 120_000);
});

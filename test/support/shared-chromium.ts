// Vitest's global set-up, with TIAOLI_SHARED_CHROMIUM=1: one Chromium for every test file of
// the run, started when the first file asks for it (a run without a browser test starts none).
// Off by default: measured on two loaded cores (three browser files, CPU time of the whole run),
// it saved nothing — every protocol message then goes through this process — so each file
// starts a Chromium of its own unless asked. It listens on loopback for
// `launchChromium()` (browser.ts), which connects to it instead of starting a browser of its
// own; each file's pages live in contexts of their own, closed with the file. The address has
// a random secret in its path: another user of the machine cannot have it start one.
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { BrowserServer } from 'playwright-core';
import { CHROMIUM_BROKER, launchChromiumServer } from './browser.js';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.TIAOLI_SHARED_CHROMIUM !== '1') return async () => undefined; // each file starts its own
  const secret = randomBytes(16).toString('hex');
  let launching: Promise<BrowserServer> | undefined;
  const server: Server = createServer((req, res) => {
    if (req.url !== `/${secret}`) {
      res.writeHead(404).end();
      return;
    }
    launching ??= launchChromiumServer();
    launching.then(
      (browser) => res.writeHead(200, { 'content-type': 'text/plain' }).end(browser.wsEndpoint()),
      (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e)),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the shared Chromium’s broker has no address');
  process.env[CHROMIUM_BROKER] = `http://127.0.0.1:${address.port}/${secret}`;
  return async () => {
    delete process.env[CHROMIUM_BROKER];
    await new Promise((done) => server.close(done));
    await (await launching?.catch(() => undefined))?.close();
  };
}

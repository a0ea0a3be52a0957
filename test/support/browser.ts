// Debian's Chromium, driven by playwright-core (a test tool's own browser download does not work here).
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { findChromium } from './find-chromium.js';

const found = findChromium();
/** The Chromium the tests drive; `npm test` has made sure there is one (ensure-chromium.ts). */
export const CHROMIUM = 'path' in found ? found.path : '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Where the run's shared Chromium is asked for (set by shared-chromium.ts, Vitest's global set-up). */
export const CHROMIUM_BROKER = 'TIAOLI_CHROMIUM_BROKER';

/** A Chromium to connect to, for the run's shared one. */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, args: ARGS, host: '127.0.0.1' });
}

/**
 * A Chromium for a test file: under Vitest the run's shared one (its pages in contexts of this
 * file's own; close() disconnects), else — or with arguments of its own — one of its own.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const broker = process.env[CHROMIUM_BROKER];
  if (broker && !extraArgs.length) {
    const res = await fetch(broker);
    if (!res.ok) throw new Error(`the shared Chromium did not start: ${await res.text()}`);
    return chromium.connect(await res.text());
  }
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...extraArgs] });
}

/** Pages in a PDF, counted by its page objects. */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

// Debian's Chromium, driven by playwright-core (a test tool's own browser download does not work here).
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from './find-chromium.js';

const found = findChromium();
/** The Chromium the tests drive; `npm test` has made sure there is one (ensure-chromium.ts). */
export const CHROMIUM = 'path' in found ? found.path : '/usr/bin/chromium';

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

/** Pages in a PDF, counted by its page objects. */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

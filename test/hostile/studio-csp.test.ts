// The studio page carries a Content-Security-Policy (issue 23 item 3): only its own scripts,
// never an inline one (no 'unsafe-inline', no nonce to guess, no data: or blob: scripts), so
// markup that reaches the page cannot run; nothing is loaded from or sent to another origin;
// no page may frame it. (test/browser/print-sandbox.test.ts runs the studio under it.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio } from '../support/studio-server.js';
import { root } from '../support/regulation.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ root: projectCopy(), port: 0, host: '127.0.0.1', studio: fakeStudio() });
});
afterAll(async () => server?.close());

/** The policy as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name, sources]));
}

describe('the studio page is served with a Content-Security-Policy', () => {
  it.each(['/', '/index.html', '/some/route'])('GET %s', async (path) => {
    const r = await fetch(`${server.url}${path.slice(1)}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('tiaoli-session');
    const policy = r.headers.get('content-security-policy');
    expect(policy).toBeTruthy();
    const d = directives(policy!);
    const scripts = d.get('script-src') ?? d.get('default-src')!;
    expect(scripts).toContain("'self'");
    for (const loose of ["'unsafe-inline'", '*', 'data:', 'blob:', 'http:', 'https:']) expect(scripts).not.toContain(loose);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    for (const [name, sources] of d) expect(sources.filter((s) => /^https?:|^\*$/.test(s)), name).toEqual([]);
  });

  it("the studio's index.html has no inline script for the policy to refuse", () => {
    const html = readFileSync(join(root, 'studio', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
  });
});

// Headers on every answer: no sniffing, no framing of the studio by other pages
// (clickjacking), no Referer (the token can be in the studio's URL), API answers not cached.
import type { MiddlewareHandler } from 'hono';

/**
 * The studio page's Content-Security-Policy: its own scripts only, never an inline one (the
 * built index.html has none; the session secret is a <meta>, not a script), so text that
 * reaches the page as markup cannot run. 'unsafe-eval': ajv (the counter form's checks) and
 * Handlebars (the print preview) compile what they check and render into functions in the
 * browser. Styles may be inline: CodeMirror and the charts add <style> elements. Nothing is
 * loaded from or sent to another origin; no page may frame the studio; the print preview is a
 * sandboxed srcdoc frame with a policy of its own (engine/project/print/render-print.ts).
 */
export const STUDIO_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('x-content-type-options', 'nosniff');
  c.header('x-frame-options', 'DENY');
  c.header('referrer-policy', 'no-referrer');
  if (c.req.path.startsWith('/api/')) c.header('cache-control', 'no-store');
};

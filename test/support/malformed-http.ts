// fast-check arbitraries for malformed HTTP requests to the studio's server: methods,
// request targets with bad percent-encoding, hostile headers (foreign Host, other Origin,
// wrong Content-Type, missing or guessed secrets) and bodies of every wrong shape.
import fc from 'fast-check';

/** The server's own Host header, and the session secret, filled in per run. */
export interface Own { host: string; session: string }

const PIECES = [
  '%', '%%', '%E0%A4%A', '%E0%A4', '%zz', '%0', '%00', '%C0%AF', '%FF', '%2e%2e', '%2F', '%5C', '..', '.', '//', '[', ']',
  '@', ':', ';', '=', '&', '+', '~', '!', '$', "'", '(', ')', '*', ',', 'api', 'files', 'project', 'check', 'decide',
  'fixtures', 'run', 'rules', 'forms', 'test', 'cases', 'index.html', 'assets', 'a', 'é', '条', '\u{1F600}', '\uFEFF',
  '__proto__', 'constructor', 'etc', 'passwd', '%2e%2e%2f', '.yaml', '?', '?path=', '#',
];

const ROUTES = ['/api/project', '/api/files', '/api/check', '/api/decide', '/api/fixtures/run', '/', '/index.html', '/assets/app.js', '//[', '/%', '/%E0%A4%A'];

/** A request path as fetch()/Request can carry it (the URL parser keeps bad escapes as they are). */
export const path: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ROUTES),
  fc.tuple(fc.constantFrom(...ROUTES), fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 8 })).map(([r, tail]) => `${r}${tail}`),
  fc.string({ unit: fc.constantFrom(...PIECES, '/'), maxLength: 12 }).map((s) => `/${s}`),
  fc.tuple(fc.constantFrom('/api/files?path=', '/api/files?path=rules/', '/api/files?path=../', '/api/files?'), fc.string({ unit: fc.constantFrom(...PIECES, '/'), maxLength: 8 }))
    .map(([r, tail]) => `${r}${tail}`),
);

const methods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'FOO');

function hosts(own: Own): fc.Arbitrary<string | undefined> {
  const port = own.host.slice(own.host.lastIndexOf(':') + 1);
  return fc.constantFrom(own.host, own.host, `localhost:${port}`, 'evil.example', `evil.example:${port}`, `127.evil.example:${port}`,
    `127.0.0.1.nip.io:${port}`, '', `${own.host}.`, `[::1]:${port}`, `127.0.0.1:${Number(port) + 1}`, `localhost:${port}@evil.example`, undefined);
}

function origins(own: Own): fc.Arbitrary<string | undefined> {
  return fc.constantFrom(undefined, `http://${own.host}`, 'http://evil.example', 'null', `https://${own.host}`, 'http://localhost', '%', `http://${own.host}/`);
}

const contentTypes = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'APPLICATION/JSON', 'application/json, text/plain', ';;;');

function sessions(own: Own): fc.Arbitrary<string | undefined> {
  return fc.constantFrom(undefined, own.session, own.session, '', 'guessed', `${own.session}x`, own.session.slice(1));
}

const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Bodies of every wrong shape: not JSON, the wrong JSON type, the right keys with wrong types, deep nesting. */
export const body: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }),
  anyJson.map((v) => JSON.stringify(v)),
  fc.record({ text: anyJson, baseVersion: anyJson }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  fc.record({ files: fc.oneof(anyJson, fc.dictionary(fc.string({ maxLength: 30 }), anyJson)) }).map((v) => JSON.stringify(v)),
  fc.record({ case: anyJson }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{"__proto__":{"text":"x"}}', '{"constructor":{"prototype":{}}}', '{"text":"a","baseVersion":{"__proto__":null}}', '{', 'null', '[]', '""', '1e999',
    `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"files":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`, '\uFEFF{}', '{"text":"\\ud800"}'),
);

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function header(name: string, value: string | undefined): Record<string, string> {
  return value === undefined ? {} : { [name]: value };
}

/** Every check passed (own Host, the secret, JSON, same origin): what reaches the routes is the malformed part. */
function credentialed(own: Own): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PUT', 'POST', 'DELETE', 'PATCH'),
    path: fc.oneof(fc.constantFrom('/api/files?path=rules/parameters/agent.yaml', '/api/files?path=test/cases/new.yaml', '/api/check', '/api/decide', '/api/decide', '/api/project'), path),
    origin: fc.constantFrom(undefined, `http://${own.host}`),
    site: fc.constantFrom(undefined, 'same-origin'),
    contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
    body,
  }).map((r) => ({
    method: r.method,
    path: r.path,
    headers: { host: own.host, 'x-tiaoli-session': own.session, 'content-type': r.contentType, ...header('origin', r.origin), ...header('sec-fetch-site', r.site) },
    body: r.method === 'GET' ? undefined : r.body,
  }));
}

/** A request with a random mix of right and wrong credentials, target and body; half of them with every credential right. */
export function request(own: Own): fc.Arbitrary<FuzzRequest> {
  const mixed = fc.record({
    method: methods,
    path,
    host: hosts(own),
    origin: origins(own),
    contentType: contentTypes,
    session: sessions(own),
    site: fc.constantFrom(undefined, 'same-origin', 'cross-site', 'same-site', 'none', 'bogus'),
    authorization: fc.constantFrom(undefined, 'Bearer ', 'Bearer x', 'Basic eDp5', 'Bearer'),
    extra: fc.option(fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.string({ unit: 'grapheme-ascii', maxLength: 100 }).map((s) => s.replace(/[\r\n\0]/g, ''))), { nil: undefined }),
    body,
  }).map((r) => ({
    method: r.method,
    path: r.path,
    headers: {
      ...(r.extra ? { [r.extra[0]]: r.extra[1].trim() } : {}),
      ...header('host', r.host),
      ...header('origin', r.origin),
      ...header('content-type', r.contentType),
      ...header('x-tiaoli-session', r.session),
      ...header('sec-fetch-site', r.site),
      ...header('authorization', r.authorization),
    },
    body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
  }));
  return fc.oneof(mixed, credentialed(own));
}

/**
 * Raw bytes for the socket: request lines and headers no HTTP client would send, and
 * complete, well-formed requests with malformed targets and bodies (those must all be answered).
 */
export function rawRequest(own: Own): fc.Arbitrary<{ bytes: Buffer; complete: boolean }> {
  const target = fc.oneof(
    path,
    fc.constantFrom('*', 'http://evil.example/api/project', `http://${own.host}/api/project`, '', ' ', '/\u0000', '/a b', '/\u00ff', '/\u6761', '/\\..\\..\\x', `/${'a'.repeat(70_000)}`, '//[', '/%'),
    fc.string({ unit: 'binary-ascii', maxLength: 60 }),
  );
  const line = fc.oneof(
    fc.tuple(methods, target, fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', 'HTTX/1.1', '')).map(([m, t, v]) => `${m} ${t} ${v}`),
    fc.string({ unit: 'binary-ascii', maxLength: 80 }),
  );
  const headers = fc.array(fc.oneof(
    hosts(own).map((h) => `Host: ${h ?? ''}`),
    fc.constantFrom('Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Content-Length: 1, 2', 'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked', 'Content-Type: application/json', `X-Tiaoli-Session: ${own.session}`, 'Expect: 100-continue', 'Connection: upgrade', 'Upgrade: websocket',
      `X-Big: ${'x'.repeat(100_000)}`, 'Bad Header: x', ': empty', 'X-Ctl: a\u0001b', 'X-Obs-Fold: a\r\n b', `Cookie: ${'c=1; '.repeat(5000)}`),
    fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), fc.string({ unit: 'binary-ascii', maxLength: 80 })).map(([n, v]) => `${n}: ${v.replace(/[\r\n]/g, ' ')}`),
  ), { maxLength: 6 });
  const tail = fc.oneof(fc.constant(''), fc.string({ maxLength: 100 }), fc.constantFrom('5\r\nhello\r\n0\r\n\r\n', 'zz\r\nhello\r\n', '{"text":"x"}', '0\r\n\r\n'));
  const malformedHead = fc.tuple(line, headers, tail).map(([l, h, t]) => ({ bytes: Buffer.from(`${l}\r\n${h.map((x) => `${x}\r\n`).join('')}\r\n${t}`, 'latin1'), complete: false }));
  // a well-formed head with every credential, so the malformed target or body reaches the routes
  const wellFormed = credentialed(own).map((r) => {
    const sent = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body);
    const head = Object.entries({ ...r.headers, 'content-length': String(sent.length), connection: 'close' }).map(([n, v]) => `${n}: ${v}\r\n`).join('');
    return { bytes: Buffer.concat([Buffer.from(`${r.method} ${r.path} HTTP/1.1\r\n${head}\r\n`, 'utf8'), sent]), complete: true };
  });
  return fc.oneof(malformedHead, wellFormed);
}

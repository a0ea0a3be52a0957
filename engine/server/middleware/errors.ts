// The last line: whatever a handler throws becomes a JSON answer with a Chinese message,
// never a stack trace to the client and never the end of the process.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

export const onError: ErrorHandler = (err, c) => {
  if (err instanceof HTTPException) {
    return c.json({ error: err.status === 413 ? '请求体过大' : `请求无效（${err.status}）` }, err.status);
  }
  console.error(`[tiaoli] ${c.req.method} ${c.req.path.slice(0, 200)}：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return c.json({ error: `服务器内部错误：${err instanceof Error ? err.message : String(err)}` }, 500);
};

export const notFound: NotFoundHandler = (c: Context) =>
  c.json({ error: `没有这个接口：${c.req.method} ${c.req.path.slice(0, 200)}` }, 404);

/** For errors the Node adapter meets before the app (an unparsable URL or Host header). */
export function adapterError(err: unknown): Response {
  const bad = err instanceof Error && err.name === 'RequestError';
  if (!bad) console.error(`[tiaoli] ${err instanceof Error ? err.message : String(err)}`);
  return new Response(JSON.stringify({ error: bad ? `请求无效：${(err as Error).message}` : '服务器内部错误' }), {
    status: bad ? 400 : 500,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

// Reads a request's JSON body as a plain object. Anything else — not JSON, an array, a
// string, null — is the client's mistake: a 400 with a Chinese message, never a crash.
import type { Context } from 'hono';

export type Body = { ok: true; value: Record<string, unknown> } | { ok: false; response: Response };

export async function jsonObject(c: Context): Promise<Body> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return { ok: false, response: c.json({ error: '无法读取请求体' }, 400) };
  }
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, response: c.json({ error: `请求体不是有效的 JSON：${(e as Error).message}` }, 400) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, response: c.json({ error: '请求体必须是一个 JSON 对象' }, 400) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** A field as an own property (never an inherited one such as `constructor`). */
export function field(body: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(body, name) ? body[name] : undefined;
}

export function fieldError(c: Context, name: string, wanted: string): Response {
  return c.json({ error: `字段 ${name} 必须是${wanted}` }, 400);
}

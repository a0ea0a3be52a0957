// Request bodies are bounded: the largest project file is a few kilobytes, a whole project
// under a megabyte. Anything bigger is refused with 413 before it is read into memory.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export const MAX_BODY = 5 * 1024 * 1024;

export function limitBody(maxSize = MAX_BODY): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => c.json({ error: `请求体过大：上限 ${Math.round(maxSize / 1024)} KB` }, 413),
  });
}

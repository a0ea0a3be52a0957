// JSON pointers (RFC 6901) into form data: read, and write creating objects on the way.
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function getPointer(data: unknown, pointer: string): unknown {
  let node = data;
  for (const key of pointerSegments(pointer)) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function setPointer(data: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointerSegments(pointer);
  let node: Record<string, unknown> = data;
  keys.slice(0, -1).forEach((key) => {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}

export function getPath(data: unknown, path: string): unknown {
  return getPointer(data, `/${path.split('.').join('/')}`);
}

export function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  setPointer(data, `/${path.split('.').join('/')}`, value);
}

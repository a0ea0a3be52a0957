// The last word on an input no check foresaw: one line naming the file, never a stack trace.
export function failure(file: string, e: unknown): number {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${file}: ${message.split('\n')[0] || '无法处理'}\n`);
  return 1;
}

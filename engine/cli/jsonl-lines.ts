// `decide --jsonl` input cut into lines, each at most MAX_LINE characters. An over-long line
// (a case is a few kilobytes; a line of megabytes is a mistake or an attack) is not kept: its
// characters are counted and dropped as they come, and it is answered with an error naming
// its line number while the next lines go on. Before, each chunk was joined to the whole
// unfinished line and split again: one 16 MB line took 20 s.

/** The longest line taken, in characters (1 MiB). */
export const MAX_LINE = 1 << 20;

/** What stands for an over-long line among the lines (cannot be a line as read: it holds NUL). */
const OVERLONG = '\u0000overlong\u0000';

/** The error for an over-long line, or undefined for a line as read. */
export function overlongMessage(line: string): string | undefined {
  if (!line.startsWith(OVERLONG)) return undefined;
  const length = Number(line.slice(OVERLONG.length));
  return `这一行太长（${length.toLocaleString('en-US')} 个字符，一行最多 ${MAX_LINE.toLocaleString('en-US')} 个，即 1 MiB）：每行应是一个案件的 JSON，未读取`;
}

/** Cuts chunks of text into lines; memory and time stay linear in the input, whatever its lines. */
export class LineCutter {
  private pieces: string[] = [];
  private length = 0;
  /** the line is over-long: its characters are counted, not kept */
  private overlong = false;

  constructor(private readonly max = MAX_LINE) {}

  /** The lines this chunk ends, in order. */
  push(chunk: string): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      const end = newline < 0 ? chunk.length : newline;
      this.add(chunk, start, end);
      if (newline < 0) return lines;
      lines.push(this.take());
      start = newline + 1;
    }
  }

  /** The last line, when the input does not end with a newline. */
  end(): string[] {
    return this.length > 0 || this.overlong ? [this.take()] : [];
  }

  private add(chunk: string, start: number, end: number): void {
    const n = end - start;
    if (n === 0) return;
    this.length += n;
    if (this.overlong) return;
    if (this.length > this.max) {
      this.overlong = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(start === 0 && end === chunk.length ? chunk : chunk.slice(start, end));
  }

  private take(): string {
    const line = this.overlong ? `${OVERLONG}${this.length}` : this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces = [];
    this.length = 0;
    this.overlong = false;
    return line;
  }
}

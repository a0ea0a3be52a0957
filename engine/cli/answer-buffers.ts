// The answers of `decide --jsonl` as bytes: each run's text is encoded once, into a buffer
// taken from a pool and given back once stdout has written it, so that the command does not
// allocate (and collect) a new buffer for every write, nor re-encode text inside
// stdout.write. A worker thread encodes its own answers and hands the buffer over
// (transferred, not copied); the main thread gives it back to the worker when written.

const encoder = new TextEncoder();
/** The smallest buffer made: a run's answers are some hundreds of kilobytes. */
const SMALLEST = 1 << 18;
/** Buffers kept for reuse at most (more are left to the garbage collector). */
const KEPT = 8;

export class AnswerBuffers {
  private readonly free: ArrayBuffer[] = [];

  /** `text` as UTF-8, in a buffer of the pool (or a new one when none is large enough). */
  encode(text: string): Uint8Array {
    const reused = this.free.pop();
    if (reused) {
      const { read, written } = encoder.encodeInto(text, new Uint8Array(reused));
      if (read === text.length) return new Uint8Array(reused, 0, written);
      this.release(reused); // too small for this text: kept for a shorter one
    }
    const buffer = new ArrayBuffer(Math.max(SMALLEST, text.length * 3)); // a UTF-16 unit is at most 3 bytes of UTF-8
    const { written } = encoder.encodeInto(text, new Uint8Array(buffer));
    return new Uint8Array(buffer, 0, written);
  }

  /** A buffer written out, to be used again. */
  release(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0 || this.free.length >= KEPT) return; // a transferred buffer is empty here
    this.free.unshift(buffer);
  }
}

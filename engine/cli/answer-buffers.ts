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

  /**
   * Each answer as UTF-8 followed by \n, in a buffer of the pool (or a new one when none is
   * large enough). Each is encoded on its own, as it was made: a run's answers joined first
   * would be one long string to flatten before any byte is written.
   */
  encode(answers: readonly string[]): Uint8Array {
    let buffer = this.free.pop() ?? new ArrayBuffer(SMALLEST);
    let bytes = new Uint8Array(buffer);
    let at = 0;
    for (const answer of answers) {
      // a UTF-16 unit is at most 3 bytes of UTF-8, and the \n one more
      const most = answer.length * 3 + 1;
      if (bytes.length - at < most) {
        const larger = new ArrayBuffer(Math.max(2 * bytes.length, at + most));
        new Uint8Array(larger).set(bytes.subarray(0, at));
        this.release(buffer); // too small for this run: kept for a shorter one
        buffer = larger;
        bytes = new Uint8Array(buffer);
      }
      at += encoder.encodeInto(answer, bytes.subarray(at)).written;
      bytes[at++] = 10;
    }
    return new Uint8Array(buffer, 0, at);
  }

  /** A buffer written out, to be used again. */
  release(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0 || this.free.length >= KEPT) return; // a transferred buffer is empty here
    this.free.unshift(buffer);
  }
}

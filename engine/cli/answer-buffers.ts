// The answers of `decide --jsonl` as bytes: each answer is encoded once, as it is made, into a
// buffer taken from a pool and given back once stdout has written it, so that the command does not
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
   * A run's answers, each written as UTF-8 followed by \n as soon as it is made (so that it
   * is garbage at once, and no long string of joined answers is flattened), into a buffer of
   * the pool or a new one when none is large enough.
   */
  begin(): AnswerSink {
    return new AnswerSink(this);
  }

  /** A buffer of the pool, or a new one. */
  take(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(SMALLEST);
  }

  /** A buffer written out, to be used again. */
  release(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0 || this.free.length >= KEPT) return; // a transferred buffer is empty here
    this.free.unshift(buffer);
  }
}

/** One run's answers being written (AnswerBuffers.begin). */
export class AnswerSink {
  private buffer: ArrayBuffer;
  private bytes: Uint8Array;
  private at = 0;

  constructor(private readonly pool: AnswerBuffers) {
    this.buffer = pool.take();
    this.bytes = new Uint8Array(this.buffer);
  }

  /** One answer (a JSON document, without its \n). */
  add(answer: string): void {
    // a UTF-16 unit is at most 3 bytes of UTF-8, and the \n one more
    const most = answer.length * 3 + 1;
    if (this.bytes.length - this.at < most) {
      const larger = new ArrayBuffer(Math.max(2 * this.bytes.length, this.at + most));
      new Uint8Array(larger).set(this.bytes.subarray(0, this.at));
      this.pool.release(this.buffer); // too small for this run: kept for a shorter one
      this.buffer = larger;
      this.bytes = new Uint8Array(larger);
    }
    this.at += encoder.encodeInto(answer, this.bytes.subarray(this.at)).written;
    this.bytes[this.at++] = 10;
  }

  /** The run's answers as bytes. */
  finish(): Uint8Array {
    return new Uint8Array(this.buffer, 0, this.at);
  }
}

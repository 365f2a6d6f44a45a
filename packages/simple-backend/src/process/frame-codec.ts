import { Packr } from "msgpackr";

/**
 * Length-prefixed msgpackr frames for a child process's stdin/stdout (the image worker's protocol,
 * docs/image-worker.md): a u32 big-endian byte length, then that many bytes of one msgpackr-encoded
 * value. `FrameDecoder` is incremental: feed it chunks as they arrive from a stream, in any split,
 * and it returns every complete value.
 */

const HEADER_BYTES = 4;
/** Default upper bound of one frame's body; process messages are small, so 1 MiB is generous. */
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

const packr = new Packr({ useRecords: false });

export class FrameTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly max: number,
  ) {
    super(`frame of ${size} bytes exceeds the maximum of ${max} bytes`);
    this.name = "FrameTooLargeError";
  }
}

/** One value as one frame. */
export function encodeFrame(value: unknown, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): Buffer {
  const body = packr.pack(value);
  if (body.length > maxFrameBytes) throw new FrameTooLargeError(body.length, maxFrameBytes);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes received but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /**
   * Adds a chunk and returns the values of all frames it completes. Throws `FrameTooLargeError` as
   * soon as a header announces a body over the maximum, before buffering that body.
   */
  push(chunk: Uint8Array): unknown[] {
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const values: unknown[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER_BYTES) {
      const size = this.pending.readUInt32BE(offset);
      if (size > this.maxFrameBytes) throw new FrameTooLargeError(size, this.maxFrameBytes);
      const end = offset + HEADER_BYTES + size;
      if (this.pending.length < end) break;
      values.push(packr.unpack(this.pending.subarray(offset + HEADER_BYTES, end)));
      offset = end;
    }
    this.pending = this.pending.subarray(offset);
    return values;
  }
}

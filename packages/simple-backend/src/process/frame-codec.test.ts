import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, FrameTooLargeError } from "./frame-codec.js";

describe("frames", () => {
  const messages = [
    { type: "job", job_id: "a" },
    { n: 1, list: [1, 2, 3] },
    "text",
    { bytes: Buffer.from([1, 2]) },
  ];
  const stream = Buffer.concat(messages.map((message) => encodeFrame(message)));

  it("decodes several frames from one chunk", () => {
    expect(new FrameDecoder().push(stream)).toEqual(messages);
  });

  it("decodes frames split at every possible byte", () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const decoder = new FrameDecoder();
      const values = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(values).toEqual(messages);
      expect(decoder.bufferedBytes).toBe(0);
    }
  });

  it("decodes a stream fed one byte at a time", () => {
    const decoder = new FrameDecoder();
    const values: unknown[] = [];
    for (const byte of stream) values.push(...decoder.push(Uint8Array.of(byte)));
    expect(values).toEqual(messages);
  });

  it("writes a u32 big-endian length before the body", () => {
    const frame = encodeFrame({ a: 1 });
    expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
  });

  it("refuses a frame over the maximum as soon as its header arrives", () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1025);
    expect(() => new FrameDecoder(1024).push(header)).toThrow(FrameTooLargeError);
    expect(() => new FrameDecoder(1024).push(header)).toThrow(/1025 bytes exceeds the maximum of 1024/);
    expect(() => encodeFrame("x".repeat(2000), 1024)).toThrow(FrameTooLargeError);
  });
});

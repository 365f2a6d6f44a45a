import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { chunkCount, MAX_CHUNK_BYTES, openChunk, parseBackupKey, sealChunk } from "./chunk-cipher.js";

const key = parseBackupKey("ab".repeat(32));
const plain = Buffer.from("the quick brown fox");

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return "opened";
};

describe("chunk cipher", () => {
  test("a sealed record opens to its plaintext, and each sealing differs (random IV)", () => {
    const record = sealChunk(key, "file:a/1/chat.sqlite", 3, true, plain);
    expect(openChunk(key, "file:a/1/chat.sqlite", 3, true, record)).toEqual(plain);
    expect(sealChunk(key, "file:a/1/chat.sqlite", 3, true, plain)).not.toEqual(record);
    expect(record.length).toBe(plain.length + 32);
  });

  test("a record opens only as the file, place and end it was sealed for, with the key", () => {
    const record = sealChunk(key, "file:a/1/chat.sqlite", 3, false, plain);
    expect(refusal(() => openChunk(key, "file:a/1/media.sqlite", 3, false, record))).toBe("bad_chunk");
    expect(refusal(() => openChunk(key, "file:a/1/chat.sqlite", 4, false, record))).toBe("bad_chunk");
    expect(refusal(() => openChunk(key, "file:a/1/chat.sqlite", 3, true, record))).toBe("bad_chunk");
    expect(
      refusal(() => openChunk(parseBackupKey("cd".repeat(32)), "file:a/1/chat.sqlite", 3, false, record)),
    ).toBe("bad_chunk");
  });

  test("any changed byte, a cut record or a lying header is refused", () => {
    const record = sealChunk(key, "image:x", 0, true, randomBytes(1000));
    for (const at of [3, 4, 20, 500, record.length - 1]) {
      const changed = Buffer.from(record);
      changed[at] = (changed[at] as number) ^ 1;
      expect(refusal(() => openChunk(key, "image:x", 0, true, changed))).toBe("bad_chunk");
    }
    expect(refusal(() => openChunk(key, "image:x", 0, true, record.subarray(0, -1)))).toBe("bad_chunk");
    const huge = Buffer.from(record);
    huge.writeUInt32BE(MAX_CHUNK_BYTES + 1, 0);
    expect(refusal(() => openChunk(key, "image:x", 0, true, huge))).toBe("chunk_too_large");
    expect(refusal(() => openChunk(key, "image:x", 0, true, Buffer.alloc(2)))).toBe("bad_chunk");
  });

  test("keys are 64 hex digits; an empty file is one record", () => {
    expect(() => parseBackupKey("ab".repeat(31))).toThrow(RangeError);
    expect(() => parseBackupKey("zz".repeat(32))).toThrow(RangeError);
    expect(chunkCount(0, 16)).toBe(1);
    expect(chunkCount(16, 16)).toBe(1);
    expect(chunkCount(17, 16)).toBe(2);
    expect(MAX_CHUNK_BYTES).toBe(4 * 1024 * 1024);
  });
});

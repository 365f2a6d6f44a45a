import { randomBytes, createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parseBackupKey, recordLength } from "./chunk-cipher.js";
import { readSealedFile, writeSealedFile } from "./sealed-file.js";

const key = parseBackupKey("12".repeat(32));
const dir = mkdtempSync(join(tmpdir(), "venus-sealed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHUNK = 16 * 1024;
const plain = randomBytes(CHUNK * 3 + 100);

async function failure(path: string, identity = "file:s/1/x"): Promise<string | undefined> {
  return readSealedFile(path, key, identity).then(
    () => undefined,
    (error: { code?: string }) => error.code,
  );
}

describe("sealed files", () => {
  test("a file reads back record by record with its size and SHA-256", async () => {
    const path = join(dir, "whole");
    await writeSealedFile(path, key, "file:s/1/x", plain, CHUNK);
    const pieces: Buffer[] = [];
    const digest = await readSealedFile(path, key, "file:s/1/x", (piece) => void pieces.push(piece));
    expect(digest).toEqual({ size: plain.length, sha256: createHash("sha256").update(plain).digest("hex") });
    expect(Buffer.concat(pieces)).toEqual(plain);
    expect(pieces).toHaveLength(4);
    expect(await failure(path, "file:s/2/x")).toBe("bad_chunk");
  });

  test("a file cut at a record boundary, with records swapped, or with a record appended fails", async () => {
    const path = join(dir, "source");
    await writeSealedFile(path, key, "file:s/1/x", plain, CHUNK);
    const bytes = readFileSync(path);
    const record = recordLength(CHUNK);
    const variants = {
      cut: bytes.subarray(0, record * 2),
      swapped: Buffer.concat([
        bytes.subarray(record, record * 2),
        bytes.subarray(0, record),
        bytes.subarray(record * 2),
      ]),
      appended: Buffer.concat([bytes, bytes.subarray(0, record)]),
      torn: bytes.subarray(0, bytes.length - 10),
      empty: Buffer.alloc(0),
    };
    const found: Record<string, string | undefined> = {};
    for (const [name, content] of Object.entries(variants)) {
      writeFileSync(join(dir, name), content);
      found[name] = await failure(join(dir, name));
    }
    expect(found).toEqual({
      cut: "bad_chunk",
      swapped: "bad_chunk",
      appended: "bad_chunk",
      torn: "corrupt_file",
      empty: "corrupt_file",
    });
  });
});

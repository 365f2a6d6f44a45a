import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { BackupError } from "./backup-error.js";
import { openChunk } from "./chunk-cipher.js";
import { readSealedFile, type RecordPlace } from "./sealed-file.js";

interface StoredRecord extends RecordPlace {
  /** Where its plaintext begins in the file's plaintext. */
  plainAt: number;
  plainLength: number;
}

/**
 * A file of the newest snapshot that a session's file of the same name takes unchanged blocks from.
 * Scanning it authenticates every record and hashes its plaintext in blocks of the new file's size
 * (its own records may be of another size, as in snapshots written before blocks existed).
 */
export class BaseFile {
  private readonly byHash = new Map<string, number>();
  private readonly records: StoredRecord[] = [];
  private handle: FileHandle | undefined;
  private cached: { index: number; plain: Buffer } | undefined;
  private size = 0;

  private constructor(
    private readonly path: string,
    private readonly key: Buffer,
    private readonly identity: string,
    private readonly blockBytes: number,
  ) {}

  static async scan(path: string, key: Buffer, identity: string, blockBytes: number): Promise<BaseFile> {
    const base = new BaseFile(path, key, identity, blockBytes);
    let block = createHash("sha256");
    let filled = 0;
    const endBlock = () => {
      const hash = block.digest("hex");
      const index = Math.floor((base.size - 1) / blockBytes);
      if (!base.byHash.has(hash)) base.byHash.set(hash, Math.max(0, index));
      block = createHash("sha256");
      filled = 0;
    };
    await readSealedFile(path, key, identity, (plain, place) => {
      base.records.push({ ...place, plainAt: base.size, plainLength: plain.length });
      for (let at = 0; at < plain.length;) {
        const take = Math.min(blockBytes - filled, plain.length - at);
        block.update(plain.subarray(at, at + take));
        filled += take;
        at += take;
        base.size += take;
        if (filled === blockBytes) endBlock();
      }
    });
    if (filled > 0 || base.size === 0) endBlock();
    return base;
  }

  /** The index of a block of this file with that SHA-256 (hex), if it has one. */
  find(sha256: string): number | undefined {
    return this.byHash.get(sha256);
  }

  /** The plaintext of block `index`, read and authenticated again. */
  async block(index: number): Promise<Buffer> {
    const start = index * this.blockBytes;
    const end = Math.min(start + this.blockBytes, this.size);
    const pieces: Buffer[] = [];
    let at = this.recordAt(start);
    for (let done = start; done < end || (start === end && pieces.length === 0); at++) {
      const record = this.records[at] as StoredRecord;
      const plain = await this.plain(at);
      const from = done - record.plainAt;
      const to = Math.min(end - record.plainAt, record.plainLength);
      pieces.push(plain.subarray(from, to));
      done = record.plainAt + to;
    }
    return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.cached = undefined;
    await handle?.close();
  }

  /** The record holding plaintext byte `offset` (the last one for the end of the file). */
  private recordAt(offset: number): number {
    let [low, high] = [0, this.records.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.records[middle] as StoredRecord).plainAt <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private async plain(index: number): Promise<Buffer> {
    if (this.cached?.index === index) return this.cached.plain;
    const { position, length } = this.records[index] as StoredRecord;
    this.handle ??= await open(this.path, "r");
    const record = Buffer.allocUnsafe(length);
    const { bytesRead } = await this.handle.read(record, 0, length, position);
    if (bytesRead < length)
      throw new BackupError(422, "corrupt_file", `${this.path} changed while a session read it`);
    const last = index === this.records.length - 1;
    const plain = openChunk(this.key, this.identity, index, last, record);
    this.cached = { index, plain };
    return plain;
  }
}

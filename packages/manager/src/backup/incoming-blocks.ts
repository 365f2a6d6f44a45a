import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { BackupError } from "./backup-error.js";
import type { BaseFile } from "./base-file.js";
import { chunkCount, openChunk, recordLength, recordPlainLength, sealChunk } from "./chunk-cipher.js";
import { BLOCK_HASH_BYTES, MAX_DECLARED_BLOCKS } from "./file-blocks.js";
import type { FileDigest } from "./sealed-file.js";

/** Stored records are gathered into writes of about this many bytes. */
const WRITE_BYTES = 1024 * 1024;

export interface BlockFileEntry extends FileDigest {
  blockBytes: number;
}

/**
 * A snapshot file arriving at the peer in blocks (file-blocks.ts). The source declares each block's
 * SHA-256; the peer answers which ones it needs, those it cannot take from the base (the file of the
 * same name in its newest snapshot). Blocks are written in order: a received record is authenticated,
 * checked against its declared hash and stored as it came; a block taken from the base is read,
 * authenticated and checked the same way, then sealed for its new place. Completing the file checks
 * its size and SHA-256 against the declared ones and fsyncs it.
 */
export class IncomingBlocks {
  private hashes: Buffer | undefined;
  private base: BaseFile | undefined;
  private state: "open" | "complete" | "failed" = "open";
  private next = 0;
  private stored = 0;
  private readonly hash = createHash("sha256");
  private readonly count: number;
  private file: FileHandle | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** One operation at a time, in the order they came. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly identity: string,
    private readonly expected: BlockFileEntry,
    private readonly key: Buffer,
    private readonly loadBase: () => Promise<BaseFile | undefined>,
  ) {
    this.count = chunkCount(expected.size, expected.blockBytes);
  }

  get complete(): boolean {
    return this.state === "complete";
  }

  get declared(): boolean {
    return this.hashes !== undefined;
  }

  /** Takes the blocks' hashes; resolves with the ranges `[from, to)` of blocks the source must send. */
  declare(hashes: Uint8Array): Promise<[number, number][]> {
    return this.serial(async () => {
      if (this.hashes !== undefined)
        throw new BackupError(409, "blocks_declared", `${this.identity}'s blocks are already declared`);
      if (this.count > MAX_DECLARED_BLOCKS || hashes.length !== this.count * BLOCK_HASH_BYTES)
        throw new BackupError(
          400,
          "invalid_request",
          `${this.identity} has ${this.count} blocks: send ${this.count * BLOCK_HASH_BYTES} bytes of SHA-256`,
        );
      this.hashes = Buffer.from(hashes);
      this.base = await this.loadBase();
      const needed: [number, number][] = [];
      for (let index = 0; index < this.count; index++) {
        if (this.base?.find(this.blockHash(index)) !== undefined) continue;
        const last = needed.at(-1);
        if (last !== undefined && last[1] === index) last[1]++;
        else needed.push([index, index + 1]);
      }
      return needed;
    });
  }

  /** Takes one or more records, block `index` and those after it. */
  receive(index: number, body: Uint8Array): Promise<void> {
    return this.serial(async () => {
      const bytes = Buffer.from(body.buffer, body.byteOffset, body.length);
      for (let at = 0, block = index; at < bytes.length; block++) {
        const length = recordLength(recordPlainLength(bytes.subarray(at)));
        if (at + length > bytes.length)
          throw new BackupError(400, "bad_chunk", "the body ends inside a record");
        await this.takeUpTo(block);
        this.take(block, bytes.subarray(at, at + length));
        at += length;
      }
      await this.flush();
    });
  }

  /** Takes the blocks the source did not send from the base, checks the whole file and fsyncs it. */
  finish(): Promise<void> {
    return this.serial(async () => {
      if (this.state === "complete") return;
      await this.takeUpTo(this.count);
      await this.flush();
      if (this.hash.digest("hex") !== this.expected.sha256)
        throw new BackupError(422, "hash_mismatch", `${this.identity} is whole but not the declared file`);
      this.file ??= await open(this.path, "wx", 0o600);
      await this.file.sync();
      await this.release();
      this.state = "complete";
    });
  }

  /** Closes its files, failed or not (the session is dropped). */
  close(): Promise<void> {
    return this.serial(() => this.release(), true);
  }

  private serial<T>(work: () => Promise<T>, evenIfFailed = false): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.state === "failed" && !evenIfFailed)
        throw new BackupError(409, "file_failed", `${this.identity} failed; it takes no more records`);
      try {
        return await work();
      } catch (error) {
        if (this.state === "open" && this.hashes !== undefined) this.state = "failed";
        throw error;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private blockHash(index: number): string {
    const at = index * BLOCK_HASH_BYTES;
    return (this.hashes as Buffer).toString("hex", at, at + BLOCK_HASH_BYTES);
  }

  private blockLength(index: number): number {
    return Math.min(this.expected.blockBytes, this.expected.size - index * this.expected.blockBytes);
  }

  /** Fills the blocks before `index` from the base; each must be one the peer did not ask for. */
  private async takeUpTo(index: number): Promise<void> {
    if (this.hashes === undefined)
      throw new BackupError(409, "blocks_not_declared", `${this.identity}'s blocks are not declared yet`);
    if (index < this.next || index > this.count)
      throw new BackupError(
        409,
        "chunk_out_of_order",
        `${this.identity} expects block ${this.next}, not ${index}`,
      );
    for (; this.next < index;) {
      const from = this.base?.find(this.blockHash(this.next));
      if (from === undefined)
        throw new BackupError(
          409,
          "chunk_out_of_order",
          `${this.identity} expects block ${this.next}, not ${index}`,
        );
      const plain = await (this.base as BaseFile).block(from);
      this.check(this.next, plain);
      this.append(sealChunk(this.key, this.identity, this.next, this.next === this.count - 1, plain), plain);
      if (this.pendingBytes >= WRITE_BYTES) await this.flush();
    }
  }

  private take(index: number, record: Buffer): void {
    if (index >= this.count)
      throw new BackupError(400, "bad_chunk", `${this.identity} has ${this.count} blocks, not ${index + 1}`);
    if (recordPlainLength(record) !== this.blockLength(index))
      throw new BackupError(400, "bad_chunk", `block ${index} of ${this.identity} has the wrong length`);
    const plain = openChunk(this.key, this.identity, index, index === this.count - 1, record);
    this.check(index, plain);
    this.append(record, plain);
  }

  private check(index: number, plain: Buffer): void {
    if (
      plain.length !== this.blockLength(index) ||
      createHash("sha256").update(plain).digest("hex") !== this.blockHash(index)
    )
      throw new BackupError(
        422,
        "hash_mismatch",
        `block ${index} of ${this.identity} is not the declared one`,
      );
  }

  private append(record: Buffer, plain: Buffer): void {
    this.hash.update(plain);
    this.pending.push(record);
    this.pendingBytes += record.length;
    this.next++;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const [pieces, position] = [this.pending, this.stored];
    this.stored += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.file ??= await open(this.path, "wx", 0o600);
    await this.file.writev(pieces, position);
  }

  private async release(): Promise<void> {
    await this.base?.close();
    const file = this.file;
    this.file = undefined;
    await file?.close();
  }
}

import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { BackupError } from "./backup-error.js";
import type { FileDigest } from "./sealed-file.js";
import { openChunk, recordPlainLength } from "./chunk-cipher.js";

/**
 * One file arriving at the peer, record by record in order: each record is authenticated and its
 * plaintext hashed on arrival, then stored as it came (still encrypted) in a temp file. The last
 * record's arrival checks the whole file's size and SHA-256 against what the source declared, and
 * fsyncs it; only then is the file complete.
 */
export class IncomingFile {
  private state: "open" | "complete" | "failed" = "open";
  private next = 0;
  private received = 0;
  private stored = 0;
  private readonly hash = createHash("sha256");
  private file: FileHandle | undefined;
  /** Writes land in order even if two requests overlap. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly identity: string,
    private readonly expected: FileDigest,
    private readonly key: Buffer,
  ) {}

  get complete(): boolean {
    return this.state === "complete";
  }

  /** Takes record `index`; resolves true when it completed the file. */
  async receive(index: number, record: Uint8Array): Promise<boolean> {
    if (this.state !== "open")
      throw new BackupError(
        409,
        `file_${this.state}`,
        `${this.identity} is ${this.state}; it takes no more records`,
      );
    if (index !== this.next)
      throw new BackupError(
        409,
        "chunk_out_of_order",
        `${this.identity} expects record ${this.next}, not ${index}`,
      );
    const length = recordPlainLength(record);
    const last = this.received + length === this.expected.size;
    if (this.received + length > this.expected.size || (length === 0 && !last))
      throw new BackupError(
        400,
        "bad_chunk",
        `record ${index} does not fit ${this.identity}'s declared size`,
      );
    let plain: Buffer;
    try {
      plain = openChunk(this.key, this.identity, index, last, record);
    } catch (error) {
      this.state = "failed";
      throw error;
    }
    this.next++;
    this.received += length;
    this.hash.update(plain);
    const position = this.stored;
    this.stored += record.length;
    const write = this.writing.then(async () => {
      this.file ??= await open(this.path, "wx", 0o600);
      await this.file.write(record, 0, record.length, position);
    });
    this.writing = write.catch(() => undefined);
    await write.catch((error: unknown) => {
      this.state = "failed";
      throw error;
    });
    if (!last) return false;
    await this.writing;
    if (this.hash.digest("hex") !== this.expected.sha256) {
      this.state = "failed";
      throw new BackupError(
        422,
        "hash_mismatch",
        `${this.identity} arrived whole but its SHA-256 is not the declared one`,
      );
    }
    await this.file?.sync();
    await this.close();
    this.state = "complete";
    return true;
  }

  async close(): Promise<void> {
    await this.writing;
    const file = this.file;
    this.file = undefined;
    await file?.close();
  }
}

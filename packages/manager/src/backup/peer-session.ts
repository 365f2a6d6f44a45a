import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { BackupError } from "./backup-error.js";
import type { FileEntry, ImageEntry } from "./backup-values.js";
import type { Logger } from "@venus/simple-backend";
import { BaseFile } from "./base-file.js";
import { IncomingBlocks } from "./incoming-blocks.js";
import { IncomingFile } from "./incoming-file.js";
import { parseImageBatch, type BatchedImage } from "./image-batch.js";
import { finishSnapshot, sessionSnapshotDir, type FinishResult } from "./peer-finish.js";
import { fsyncDir } from "./sealed-file.js";
import { identities, objectPath, snapshotFile, type SourceStore } from "./store-layout.js";

export interface SessionContext {
  key: Buffer;
  store: SourceStore;
  source: string;
  snapshot: string;
  /** `tmp/<session id>`, removed with the session. */
  dir: string;
  chunkBytes: number;
  keepDays: number;
  /** Objects the store holds now; the session adds those it receives. */
  objects: Set<string>;
  /** Paths of the previous image index (to count the removed ones). */
  previousPaths: ReadonlySet<string>;
  /** The newest snapshot and its files, which the session's files take unchanged blocks from. */
  base: { snapshot: string; files: ReadonlyMap<string, FileEntry> } | undefined;
  log: Logger;
}

const unknown = (what: string) => new BackupError(404, "unknown_file", `this session expects no ${what}`);

/** One backup session at the peer: the files it declared, the images it lacks, what has arrived. */
export class PeerSession {
  lastUsed = 0;
  finishing = false;
  private readonly files = new Map<string, IncomingFile | IncomingBlocks>();
  private readonly images = new Map<string, string>();
  private readonly missing = new Map<string, IncomingFile>();
  /** Object directories this session has made sure of. */
  private readonly objectDirs = new Set<string>();

  /** A session with its (empty) temp directory. */
  static async create(id: string, ctx: SessionContext, declared: FileEntry[]): Promise<PeerSession> {
    await mkdir(sessionSnapshotDir(ctx.dir), { recursive: true, mode: 0o700 });
    await mkdir(join(ctx.dir, "objects"), { recursive: true, mode: 0o700 });
    return new PeerSession(id, ctx, declared);
  }

  private constructor(
    readonly id: string,
    private readonly ctx: SessionContext,
    private readonly declared: FileEntry[],
  ) {
    const staged = sessionSnapshotDir(ctx.dir);
    for (const entry of declared) {
      const path = join(staged, snapshotFile(entry.name));
      const identity = identities.file(ctx.source, ctx.snapshot, entry.name);
      const { block_bytes: blockBytes } = entry;
      this.files.set(
        entry.name,
        blockBytes === undefined
          ? new IncomingFile(path, identity, entry, ctx.key)
          : new IncomingBlocks(path, identity, { ...entry, blockBytes }, ctx.key, () =>
              this.loadBase(entry.name, blockBytes),
            ),
      );
    }
  }

  /** The base's file of that name, scanned; none when it has none or it cannot be read. */
  private async loadBase(name: string, blockBytes: number): Promise<BaseFile | undefined> {
    const { base, store, source, key } = this.ctx;
    if (base === undefined || !base.files.has(name)) return undefined;
    const path = join(store.snapshots, base.snapshot, snapshotFile(name));
    try {
      return await BaseFile.scan(path, key, identities.file(source, base.snapshot, name), blockBytes);
    } catch (error) {
      this.ctx.log.error({ err: error, path }, "a stored file is unreadable; the source sends it whole");
      return undefined;
    }
  }

  get source(): string {
    return this.ctx.source;
  }

  /** Records the image files of the data directory; answers the hashes the peer still needs. */
  declareImages(entries: readonly ImageEntry[]): string[] {
    const needed: string[] = [];
    for (const entry of entries) {
      if (this.images.has(entry.path))
        throw new BackupError(400, "invalid_request", `image ${entry.path} was declared twice`);
      this.images.set(entry.path, entry.sha256);
      if (this.ctx.objects.has(entry.sha256) || this.missing.has(entry.sha256)) continue;
      const temp = join(this.ctx.dir, "objects", entry.sha256);
      this.missing.set(
        entry.sha256,
        new IncomingFile(temp, identities.image(entry.sha256), entry, this.ctx.key),
      );
      needed.push(entry.sha256);
    }
    return needed;
  }

  /** The ranges of blocks of file `name` the source must send. */
  declareBlocks(name: string, hashes: Uint8Array): Promise<[number, number][]> {
    const file = this.files.get(name);
    if (!(file instanceof IncomingBlocks)) throw unknown(`block list for ${name}`);
    return file.declare(hashes);
  }

  /** One record, or for a file in blocks, one or more records from block `index` on. */
  async receiveFile(name: string, index: number, body: Uint8Array): Promise<void> {
    const file = this.files.get(name);
    if (file === undefined) throw unknown(`file ${name}`);
    await file.receive(index, body);
  }

  /** A complete image goes into the object store at once: a later session need not send it again. */
  async receiveImage(sha256: string, index: number, record: Uint8Array): Promise<void> {
    await this.storeImages([{ sha256, record }], index);
  }

  /** Whole images, many in one body (image-batch.ts); each directory they land in is fsynced once. */
  async receiveImages(body: Uint8Array): Promise<void> {
    await this.storeImages(parseImageBatch(body), 0);
  }

  private async storeImages(images: readonly BatchedImage[], index: number): Promise<void> {
    const complete: string[] = [];
    const dirs = new Set<string>();
    for (const { sha256, record } of images) {
      const file = this.missing.get(sha256);
      if (file === undefined) throw unknown(`image ${sha256}`);
      if (!(await file.receive(index, record))) continue;
      const target = objectPath(this.ctx.store, sha256);
      if (!this.objectDirs.has(dirname(target))) {
        await mkdir(dirname(target), { recursive: true, mode: 0o700 });
        this.objectDirs.add(dirname(target));
      }
      await rename(file.path, target);
      dirs.add(dirname(target));
      complete.push(sha256);
    }
    for (const dir of dirs) await fsyncDir(dir);
    for (const sha256 of complete) this.ctx.objects.add(sha256);
  }

  /** Completes the session; `vanished` are declared images the source could no longer read. */
  async finish(vanished: readonly string[], now: number): Promise<FinishResult> {
    for (const path of vanished) this.images.delete(path);
    for (const file of this.files.values())
      if (file instanceof IncomingBlocks && file.declared) await file.finish();
    const incomplete = [
      ...[...this.files].filter(([, file]) => !file.complete).map(([name]) => name),
      ...[...this.images].filter(([, sha256]) => !this.ctx.objects.has(sha256)).map(([path]) => path),
    ];
    if (incomplete.length > 0)
      throw new BackupError(
        409,
        "incomplete",
        `${incomplete.length} files have not arrived whole, e.g. ${incomplete.slice(0, 3).join(", ")}`,
      );
    return finishSnapshot({ ...this.ctx, files: this.declared, images: this.images, now });
  }

  /** Closes every open temp file and removes the temp directory. */
  async discard(): Promise<void> {
    await Promise.allSettled([...this.files.values(), ...this.missing.values()].map((file) => file.close()));
    await rm(this.ctx.dir, { recursive: true, force: true });
  }
}

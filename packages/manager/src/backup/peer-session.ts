import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { BackupError } from "./backup-error.js";
import type { FileEntry, ImageEntry } from "./backup-values.js";
import { IncomingFile } from "./incoming-file.js";
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
}

const unknown = (what: string) => new BackupError(404, "unknown_file", `this session expects no ${what}`);

/** One backup session at the peer: the files it declared, the images it lacks, what has arrived. */
export class PeerSession {
  lastUsed = 0;
  finishing = false;
  private readonly files = new Map<string, IncomingFile>();
  private readonly images = new Map<string, string>();
  private readonly missing = new Map<string, IncomingFile>();

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
    for (const entry of declared)
      this.files.set(
        entry.name,
        new IncomingFile(
          join(staged, snapshotFile(entry.name)),
          identities.file(ctx.source, ctx.snapshot, entry.name),
          entry,
          ctx.key,
        ),
      );
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

  async receiveFile(name: string, index: number, record: Uint8Array): Promise<void> {
    const file = this.files.get(name);
    if (file === undefined) throw unknown(`file ${name}`);
    await file.receive(index, record);
  }

  /** A complete image goes into the object store at once: a later session need not send it again. */
  async receiveImage(sha256: string, index: number, record: Uint8Array): Promise<void> {
    const file = this.missing.get(sha256);
    if (file === undefined) throw unknown(`image ${sha256}`);
    if (!(await file.receive(index, record))) return;
    const target = objectPath(this.ctx.store, sha256);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await rename(file.path, target);
    await fsyncDir(dirname(target));
    this.ctx.objects.add(sha256);
  }

  /** Completes the session; `vanished` are declared images the source could no longer read. */
  async finish(vanished: readonly string[], now: number): Promise<FinishResult> {
    for (const path of vanished) this.images.delete(path);
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

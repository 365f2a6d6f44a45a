import { randomUUID } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "@venus/simple-backend";
import { BackupError } from "./backup-error.js";
import type { FileEntry } from "./backup-values.js";
import { newSnapshotName, storeState } from "./store-state.js";
import { PeerSession } from "./peer-session.js";
import { backupsRoot, sourceStore } from "./store-layout.js";

export interface PeerOptions {
  dataDir: string;
  key: Buffer;
  chunkBytes: number;
  keepDays: number;
  sessionTimeoutMs: number;
  log: Logger;
  now?: () => number;
}

/**
 * The peer's side of backups: one session at a time per source. A new session of a source replaces
 * the one before (its source gave up on it); a session idle for `sessionTimeoutMs` is dropped. Either
 * way its temp files go, and nothing of it ever appears among the snapshots.
 */
export class BackupPeer {
  private readonly sessions = new Map<string, PeerSession>();
  private timer: NodeJS.Timeout | undefined;
  private beginning: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: PeerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Removes what sessions of an earlier run left, and starts dropping idle sessions. */
  async start(): Promise<void> {
    const root = backupsRoot(this.options.dataDir);
    for (const source of await readdir(root).catch(() => [] as string[]))
      await rm(sourceStore(this.options.dataDir, source).tmp, { recursive: true, force: true });
    const every = Math.min(this.options.sessionTimeoutMs, 60_000);
    this.timer = setInterval(
      () =>
        void this.dropIdle().catch((error: unknown) =>
          this.options.log.error({ err: error }, "dropping idle backup sessions failed"),
        ),
      every,
    );
    this.timer.unref();
  }

  /** Begins are taken one at a time, so two of one source cannot both replace the one before. */
  begin(source: string, files: FileEntry[]): Promise<{ session: string; snapshot: string }> {
    const begun = this.beginning.then(() => this.beginNow(source, files));
    this.beginning = begun.catch(() => undefined);
    return begun;
  }

  private async beginNow(source: string, files: FileEntry[]): Promise<{ session: string; snapshot: string }> {
    for (const session of this.sessions.values())
      if (session.source === source) {
        if (session.finishing)
          throw new BackupError(409, "session_finishing", `the last session of ${source} is still finishing`);
        this.options.log.warn(
          { source, session: session.id },
          "a new backup session replaces an unfinished one",
        );
        await this.drop(session);
      }
    const store = sourceStore(this.options.dataDir, source);
    const id = randomUUID();
    const state = await storeState(this.options.key, store, source, this.options.log);
    const snapshot = await newSnapshotName(store, this.now());
    const session = await PeerSession.create(
      id,
      {
        key: this.options.key,
        store,
        source,
        snapshot,
        dir: join(store.tmp, id),
        chunkBytes: this.options.chunkBytes,
        keepDays: this.options.keepDays,
        log: this.options.log,
        ...state,
      },
      files,
    );
    session.lastUsed = this.now();
    this.sessions.set(id, session);
    this.options.log.info({ source, session: id, snapshot, files: files.length }, "backup session begun");
    return { session: id, snapshot };
  }

  /** The session `id`, marked as used now; 404 when it does not exist (any more). */
  session(id: string): PeerSession {
    const session = this.sessions.get(id);
    if (session === undefined)
      throw new BackupError(404, "unknown_session", "no such session (finished, replaced or timed out)");
    if (session.finishing) throw new BackupError(409, "session_finishing", "the session is finishing");
    session.lastUsed = this.now();
    return session;
  }

  async finish(id: string, vanished: readonly string[]) {
    const session = this.session(id);
    session.finishing = true;
    try {
      const result = await session.finish(vanished, this.now());
      this.options.log.info({ source: session.source, ...result }, "backup session finished");
      return result;
    } finally {
      await this.drop(session);
    }
  }

  async abort(id: string): Promise<void> {
    await this.drop(this.session(id));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.sessions.values()].map((session) => this.drop(session)));
  }

  private async drop(session: PeerSession): Promise<void> {
    this.sessions.delete(session.id);
    await session.discard();
  }

  private async dropIdle(): Promise<void> {
    const cutoff = this.now() - this.options.sessionTimeoutMs;
    for (const session of [...this.sessions.values()])
      if (!session.finishing && session.lastUsed < cutoff) {
        this.options.log.warn({ source: session.source, session: session.id }, "backup session timed out");
        await this.drop(session);
      }
  }
}

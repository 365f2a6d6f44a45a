import { VenusError, type DataExportStatus, type VenusConfig, retryLater } from "@venus/model";

const HOUR_MS = 3_600_000;

type Entry =
  | { state: "building"; requestedAt: number; done: Promise<void> }
  | { state: "ready" | "expired"; requestedAt: number; file: string; expiresAt: number };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Each account's data export as it stands: building, ready (one archive file, until it expires or
 * is downloaded once), or expired; and when each account last asked, for
 * `account.export_min_interval_hours`. Memory only: the archives are files, found again at start-up
 * (`restore`); the file work is the caller's.
 */
export class DataExports {
  private readonly entries = new Map<string, Entry>();
  private readonly asked = new Map<string, number>();

  constructor(
    private readonly config: Pick<VenusConfig["account"], "export_ttl_hours" | "export_min_interval_hours">,
    private readonly now: () => number,
  ) {}

  status(accountId: string): DataExportStatus {
    const entry = this.entries.get(accountId);
    if (!entry) return { state: "none" };
    const state = entry.state !== "ready" || entry.expiresAt > this.now() ? entry.state : "expired";
    return {
      state,
      requested_at: iso(entry.requestedAt),
      ...(entry.state === "building" ? {} : { expires_at: iso(entry.expiresAt) }),
    };
  }

  /**
   * Starts a build: one at a time per account (`409 export_in_progress`), at most one request per
   * interval (`429 export_limit_reached`, with the wait). `build` gets the request time and must end
   * with `finish` or `fail`; its promise must not reject. An archive still ready is answered as it
   * is (download it first); call `expire` before, so an expired one is not.
   */
  start(accountId: string, build: (requestedAt: number) => Promise<void>): DataExportStatus {
    const current = this.entries.get(accountId);
    if (current?.state === "building") throw new VenusError("export_in_progress");
    if (current?.state === "ready" && current.expiresAt > this.now()) return this.status(accountId);
    const now = this.now();
    const last = this.asked.get(accountId);
    const next = last === undefined ? now : last + this.config.export_min_interval_hours * HOUR_MS;
    if (next > now) throw retryLater("export_limit_reached", Math.ceil((next - now) / 1000));
    this.asked.set(accountId, now);
    const entry: Entry = { state: "building", requestedAt: now, done: Promise.resolve() };
    this.entries.set(accountId, entry);
    entry.done = build(now);
    return this.status(accountId);
  }

  /** When an archive finished now expires (`account.export_ttl_hours`). */
  expiryFromNow(): number {
    return this.now() + this.config.export_ttl_hours * HOUR_MS;
  }

  /**
   * The build of `requestedAt` wrote `file`: ready until `expiresAt`. False when the build is no
   * longer wanted (the account was deleted meanwhile): the caller removes the file.
   */
  finish(accountId: string, requestedAt: number, file: string, expiresAt: number): boolean {
    const entry = this.entries.get(accountId);
    if (entry?.state !== "building" || entry.requestedAt !== requestedAt) return false;
    this.entries.set(accountId, { state: "ready", requestedAt, file, expiresAt });
    return true;
  }

  /** The build failed: nothing to download, and the request does not count against the interval. */
  fail(accountId: string, requestedAt: number): void {
    const entry = this.entries.get(accountId);
    if (entry?.state !== "building" || entry.requestedAt !== requestedAt) return;
    this.entries.delete(accountId);
    this.asked.delete(accountId);
  }

  /**
   * The archive to send, once: it is no longer the account's from here on (the caller sends and
   * removes it). `404 not_found` with none, `404 export_expired` too late, `409` while building.
   */
  take(accountId: string): string {
    const entry = this.entries.get(accountId);
    if (entry?.state === "building") throw new VenusError("export_in_progress");
    if (!entry) throw new VenusError("not_found", "no data export to download; ask for one first");
    if (entry.state === "expired" || entry.expiresAt <= this.now()) {
      this.entries.set(accountId, { ...entry, state: "expired" });
      throw new VenusError("export_expired");
    }
    this.entries.delete(accountId);
    return entry.file;
  }

  /** Ready archives whose time is over become expired; resolves with their files, to remove. */
  expire(): string[] {
    const now = this.now();
    const files: string[] = [];
    for (const [accountId, entry] of this.entries) {
      if (entry.state !== "ready" || entry.expiresAt > now) continue;
      this.entries.set(accountId, { ...entry, state: "expired" });
      files.push(entry.file);
    }
    return files;
  }

  /** An archive found on disk at start-up (not expired): ready again, asked for when it was built. */
  restore(accountId: string, file: string, expiresAt: number): void {
    const requestedAt = expiresAt - this.config.export_ttl_hours * HOUR_MS;
    this.entries.set(accountId, { state: "ready", requestedAt, file, expiresAt });
    this.asked.set(accountId, requestedAt);
  }

  /** A build under way for the account, to wait for. */
  building(accountId: string): Promise<void> | undefined {
    const entry = this.entries.get(accountId);
    return entry?.state === "building" ? entry.done : undefined;
  }

  /** The account is deleted: its export is forgotten (a build still running is discarded). */
  forget(accountId: string): void {
    this.entries.delete(accountId);
    this.asked.delete(accountId);
  }
}

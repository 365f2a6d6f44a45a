import { closeSync, fdatasync, openSync } from "node:fs";

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Makes a WAL database's committed transactions durable without blocking the event loop: `fdatasync`
 * of the `-wal` file runs on libuv's thread pool. A transaction committed before `sync()` is called
 * is on disk when its promise resolves. Calls made while a sync runs share the next one, so under
 * load one flush covers many commits.
 */
export class WalSync {
  private fd: number | undefined;
  private running = false;
  private waiting: Waiter[] = [];

  /** `databasePath` is the main file; SQLite keeps the WAL beside it (one inode while it is open). */
  constructor(private readonly databasePath: string) {}

  sync(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) this.start();
    });
  }

  /** Closes the descriptor; call after the last sync settled and before the database closes. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private start(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.running = true;
    let fd: number;
    try {
      // Opened on first use: the WAL exists once a transaction has committed. Read-only is enough
      // for fdatasync on Linux; SQLite holds no POSIX locks on this file, so our descriptor cannot
      // release any of SQLite's.
      fd = this.fd ??= openSync(`${this.databasePath}-wal`, "r");
    } catch (error) {
      this.finish(batch, error as Error);
      return;
    }
    fdatasync(fd, (error) => this.finish(batch, error));
  }

  private finish(batch: Waiter[], error: Error | null): void {
    this.running = false;
    for (const waiter of batch) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
    if (this.waiting.length > 0) this.start();
  }
}

import { execFile } from "node:child_process";

/**
 * Tells systemd about start-up, status and shutdown through systemd's own `systemd-notify` tool, only
 * when `NOTIFY_SOCKET` is set (the unit needs `NotifyAccess=all`, since the message comes from a child).
 */
export class SystemdNotifier {
  private readonly enabled: boolean;
  /** Half the unit's `WatchdogSec`, when systemd asks this process for keep-alives. */
  readonly watchdogIntervalMs: number | undefined;

  constructor(
    env: NodeJS.ProcessEnv = process.env,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    this.enabled = Boolean(env.NOTIFY_SOCKET);
    const usec = Number(env.WATCHDOG_USEC);
    const forUs = env.WATCHDOG_PID === undefined || Number(env.WATCHDOG_PID) === process.pid;
    this.watchdogIntervalMs = this.enabled && forUs && usec > 0 ? usec / 2000 : undefined;
  }

  private send(args: string[]): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    return new Promise((resolve) => {
      // --no-block: without it the tool waits for a barrier reply that plain notify sockets never send.
      execFile("systemd-notify", ["--no-block", `--pid=${process.pid}`, ...args], (error) => {
        if (error) this.onError(error);
        resolve();
      });
    });
  }

  ready(status: string): Promise<void> {
    return this.send(["--ready", `--status=${status}`]);
  }

  status(status: string): Promise<void> {
    return this.send([`--status=${status}`]);
  }

  stopping(status: string): Promise<void> {
    return this.send(["STOPPING=1", `--status=${status}`]);
  }

  watchdog(): Promise<void> {
    return this.send(["WATCHDOG=1"]);
  }

  /**
   * Sends `WATCHDOG=1` every half watchdog period while `healthy()` holds (a stuck event loop sends
   * nothing, and systemd restarts the unit). Returns the stop function; a no-op without a watchdog.
   */
  keepWatchdog(healthy: () => boolean = () => true): () => void {
    if (this.watchdogIntervalMs === undefined) return () => {};
    const timer = setInterval(() => {
      if (healthy()) void this.watchdog();
    }, this.watchdogIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

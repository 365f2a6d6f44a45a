import { execFile } from "node:child_process";

/**
 * Tells systemd about start-up, status and shutdown through systemd's own `systemd-notify` tool, only
 * when `NOTIFY_SOCKET` is set (the unit needs `NotifyAccess=all`, since the message comes from a child).
 */
export class SystemdNotifier {
  private readonly enabled: boolean;

  constructor(
    env: NodeJS.ProcessEnv = process.env,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    this.enabled = Boolean(env.NOTIFY_SOCKET);
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
}

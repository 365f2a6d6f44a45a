import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { Logger } from "../logger.js";
import { forwardChildLog } from "./child-log-lines.js";
import { restartDelay } from "./restart-backoff.js";

export interface SupervisedProcessOptions {
  /** Name in logs. */
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  log: Logger;
  /** First restart delay after a crash; doubles with each crash in a row. */
  restartBaseMs?: number;
  restartMaxMs?: number;
  /** A run at least this long counts as healthy: the next crash restarts after the base delay again. */
  healthyAfterMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /**
   * Receives every line the child writes, on either stream (its stdout is then read too, instead of
   * being ignored). Stderr lines still go to the log as well.
   */
  onLine?: (stream: "stdout" | "stderr", line: string) => void;
}

export interface ProcessStatus {
  running: boolean;
  pid: number | undefined;
  /** Unix ms the current run started. */
  since: number | undefined;
  /** Restarts after the child exited on its own. */
  restarts: number;
}

/**
 * Keeps one long-running child process alive: restarts it with exponential back-off whenever it exits
 * on its own, forwards its stderr log lines (and hands every output line to `onLine` when given), and
 * stops it with SIGTERM (SIGKILL after a timeout).
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private since: number | undefined;
  private restarts = 0;
  private crashesInRow = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly options: SupervisedProcessOptions) {}

  start(): void {
    this.stopped = false;
    this.spawnChild();
  }

  status(): ProcessStatus {
    return {
      running: this.child !== undefined,
      pid: this.child?.pid,
      since: this.since,
      restarts: this.restarts,
    };
  }

  /** Stops the child (and any pending restart); resolves when it has exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), this.options.stopTimeoutMs ?? 5000);
    await exited;
    clearTimeout(timer);
  }

  private spawnChild(): void {
    const { options } = this;
    const child = spawn(options.command, [...options.args], {
      env: options.env ?? process.env,
      stdio: ["ignore", options.onLine ? "pipe" : "ignore", "pipe"],
    });
    this.child = child;
    this.since = Date.now();
    if (child.stderr) forwardChildLog(child.stderr, options.log, options.name, child.pid);
    const onLine = options.onLine;
    if (onLine) {
      for (const [name, stream] of [
        ["stdout", child.stdout],
        ["stderr", child.stderr],
      ] as const) {
        if (stream)
          createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => onLine(name, line));
      }
    }
    child.on("error", (error) => options.log.error({ err: error, worker: options.name }, "cannot start"));
    child.on("exit", (code, signal) => {
      const ranMs = Date.now() - (this.since ?? Date.now());
      this.child = undefined;
      this.since = undefined;
      if (this.stopped) return;
      this.crashesInRow = ranMs >= (options.healthyAfterMs ?? 30_000) ? 0 : this.crashesInRow + 1;
      const delayMs = restartDelay(
        this.crashesInRow,
        options.restartBaseMs ?? 200,
        options.restartMaxMs ?? 30_000,
      );
      options.log.warn({ worker: options.name, code, signal, delayMs }, "process exited; restarting");
      this.restarts++;
      this.restartTimer = setTimeout(() => {
        if (!this.stopped) this.spawnChild();
      }, delayMs);
    });
  }
}

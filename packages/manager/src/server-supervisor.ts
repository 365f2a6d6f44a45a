import { SupervisedProcess, type Logger } from "@venus/simple-backend";
import { LineRing, type KeptLine } from "./line-ring.js";

/** How to run `venus server`: this same program, given by the caller. */
export interface ServerCommand {
  command: string;
  args: readonly string[];
}

export interface ServerSupervisorOptions {
  server: ServerCommand;
  /** The server's TOML config, passed as `--config`; empty: none. */
  configFile: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  restartBaseMs: number;
  restartMaxMs: number;
  stopTimeoutMs: number;
  logLines: number;
  /** Called with each line the server writes on stdout (its log), after it is kept. */
  onStdoutLine?: (line: string) => void;
}

export interface ServerStatus {
  control: "child";
  running: boolean;
  pid: number | null;
  /** When the current run started (ISO 8601), and for how long it has run. */
  since: string | null;
  uptime_seconds: number | null;
  /** Restarts after the server exited on its own. */
  restarts: number;
  /** Restarts asked for through the API. */
  requested_restarts: number;
}

/** Runs `venus server` as a child: restarts it after a crash, keeps its last output lines, restarts on request. */
export class ServerSupervisor {
  private readonly process: SupervisedProcess;
  private readonly lines: LineRing;
  private requestedRestarts = 0;
  /** Restarts and the final stop run one after another, never interleaved. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: ServerSupervisorOptions) {
    this.lines = new LineRing(options.logLines);
    this.process = new SupervisedProcess({
      name: "server",
      command: options.server.command,
      args: [...options.server.args, ...(options.configFile ? ["--config", options.configFile] : [])],
      env: options.env,
      log: options.log,
      restartBaseMs: options.restartBaseMs,
      restartMaxMs: options.restartMaxMs,
      stopTimeoutMs: options.stopTimeoutMs,
      onLine: (stream, text) => {
        this.lines.push({ time: Date.now(), stream, text });
        if (stream === "stdout") options.onStdoutLine?.(text);
      },
    });
  }

  start(): void {
    this.process.start();
  }

  status(now = Date.now()): ServerStatus {
    const status = this.process.status();
    return {
      control: "child",
      running: status.running,
      pid: status.pid ?? null,
      since: status.since === undefined ? null : new Date(status.since).toISOString(),
      uptime_seconds: status.since === undefined ? null : (now - status.since) / 1000,
      restarts: status.restarts,
      requested_restarts: this.requestedRestarts,
    };
  }

  /** The last `count` lines of the server's stdout and stderr, oldest first. */
  async logs(count: number): Promise<KeptLine[]> {
    return this.lines.last(count);
  }

  /** Graceful restart: SIGTERM, wait for the exit (SIGKILL after the stop timeout), start again. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.requestedRestarts++;
      await this.process.stop();
      this.process.start();
    });
  }

  /** Stops the server for good (manager shutdown). */
  stop(): Promise<void> {
    return this.enqueue(() => this.process.stop());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

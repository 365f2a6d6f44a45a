import { SupervisedProcess, type Logger } from "@venus/simple-backend";
import { LineRing, type KeptLine } from "../line-ring.js";
import { runTimes, type ServerStatus, type ServerSupervisor } from "../server-supervisor.js";

/** How to run `venus server`: this same program, given by the caller. */
export interface ServerCommand {
  command: string;
  args: readonly string[];
}

export interface ChildServerOptions {
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

/** Runs `venus server` as a child: restarts it after a crash, keeps its last output lines, restarts on request. */
export class ChildServer implements ServerSupervisor {
  private readonly process: SupervisedProcess;
  private readonly lines: LineRing;
  private requestedRestarts = 0;
  /** Restarts and the final stop run one after another, never interleaved. */
  private queue: Promise<void> = Promise.resolve();

  constructor(options: ChildServerOptions) {
    this.lines = new LineRing(options.logLines);
    this.process = new SupervisedProcess({
      name: "server",
      command: options.server.command,
      args: [
        ...options.server.args,
        "--supervised",
        ...(options.configFile ? ["--config", options.configFile] : []),
      ],
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

  async status(): Promise<ServerStatus> {
    const status = this.process.status();
    return {
      control: "child",
      running: status.running,
      pid: status.pid ?? null,
      ...runTimes(status.since),
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

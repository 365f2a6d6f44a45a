import type { Logger } from "../logger.js";

export interface ShutdownStep {
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Runs registered steps in order on SIGTERM/SIGINT (or `shutdown()`), then exits 0. If the steps do
 * not finish within the deadline the process exits 1, so a supervisor never waits forever.
 */
export class Shutdown {
  private readonly steps: ShutdownStep[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly log: Logger,
    private readonly deadlineMs: number,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  get started(): boolean {
    return this.running !== undefined;
  }

  add(name: string, run: ShutdownStep["run"]): void {
    this.steps.push({ name, run });
  }

  listen(signals: NodeJS.Signals[] = ["SIGTERM", "SIGINT"]): void {
    for (const signal of signals) {
      process.on(signal, () => {
        this.log.info({ signal }, "shutdown requested");
        void this.shutdown();
      });
    }
  }

  shutdown(): Promise<void> {
    this.running ??= this.runSteps();
    return this.running;
  }

  private async runSteps(): Promise<void> {
    const timer = setTimeout(() => {
      this.log.error({ deadlineMs: this.deadlineMs }, "shutdown deadline passed; exiting without finishing");
      this.exit(1);
    }, this.deadlineMs);
    let code = 0;
    for (const step of this.steps) {
      try {
        await step.run();
        this.log.debug({ step: step.name }, "shutdown step done");
      } catch (error) {
        code = 1;
        this.log.error({ err: error, step: step.name }, "shutdown step failed");
      }
    }
    clearTimeout(timer);
    this.log.info({ code }, "shutdown complete");
    this.exit(code);
  }
}

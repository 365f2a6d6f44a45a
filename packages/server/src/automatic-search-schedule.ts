import { runAutomaticSearches, type Components } from "@venus/data-all";
import type { Clock, Logger } from "@venus/simple-backend";

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs the automatic searches as they fall due: one timer for the soonest run, set again when a run is
 * planned (settings saved, a run done) or the clock is moved (tests).
 */
export class AutomaticSearchSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly components: Components,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {
    components.profile.automaticSearch.onPlanned(() => this.wake());
    clock.onJump(() => this.wake());
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.running) return;
    clearTimeout(this.timer);
    const delay = this.components.profile.automaticSearch.nextDueAt() - this.clock.now();
    if (delay > 0) {
      if (delay === Infinity) return;
      this.timer = setTimeout(() => this.wake(), Math.min(delay, MAX_TIMER_MS));
      this.timer.unref();
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      this.wake();
    });
  }

  private async run(): Promise<void> {
    try {
      const ran = await runAutomaticSearches(this.components);
      if (ran > 0) this.log.info({ ran }, "automatic searches ran");
    } catch (error) {
      this.log.error({ err: error }, "automatic searches failed; trying again at the next due run");
    }
  }

  /** Lets a run in progress finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

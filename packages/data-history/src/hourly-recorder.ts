import type { Logger } from "@venus/simple-backend";
import type { HistoryContext } from "./context.js";
import { HOUR_MS, hourStart } from "./hour-totals.js";
import { sampleNow } from "./operations/record.js";
import { storeHours } from "./operations/store-history.js";

/**
 * The history's clock: a sample every `statistics.sample_seconds`, and at each UTC hour boundary a
 * first sample of the new hour and the store of the hour that ended. `stop()` then storing the current
 * hour (shutdown) loses nothing gathered.
 */
export class HourlyRecorder {
  private sampleTimer: NodeJS.Timeout | undefined;
  private hourTimer: NodeJS.Timeout | undefined;
  private storing: Promise<unknown> | undefined;

  constructor(
    private readonly ctx: HistoryContext,
    private readonly log: Logger,
  ) {}

  start(): void {
    sampleNow(this.ctx);
    this.sampleTimer = setInterval(
      () => sampleNow(this.ctx),
      this.ctx.config.statistics.sample_seconds * 1000,
    );
    this.sampleTimer.unref();
    this.scheduleHour();
  }

  /** Stops both timers and waits for a store in progress. */
  async stop(): Promise<void> {
    clearInterval(this.sampleTimer);
    clearTimeout(this.hourTimer);
    this.sampleTimer = this.hourTimer = undefined;
    await this.storing;
  }

  private scheduleHour(): void {
    const now = this.ctx.now();
    this.hourTimer = setTimeout(
      () => {
        sampleNow(this.ctx);
        this.storing = storeHours(this.ctx, { current: false })
          .catch((error: unknown) => this.log.error({ err: error }, "storing the statistics hour failed"))
          .finally(() => (this.storing = undefined));
        this.scheduleHour();
      },
      hourStart(now) + HOUR_MS - now,
    );
    this.hourTimer.unref();
  }
}

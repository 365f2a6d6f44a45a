import type { Logger } from "../logger.js";
import { SYSTEM_CLOCK, type Clock } from "./clock.js";

const DAY_MS = 86_400_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds after midnight UTC of an `HH:MM` time. */
export function parseTimeOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`not a time of day (HH:MM, UTC): ${time}`);
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

/** The next moment strictly after `now` that is `timeOfDayMs` after a UTC midnight. */
export function nextDailyRun(now: number, timeOfDayMs: number): number {
  const today = now - (now % DAY_MS) + timeOfDayMs;
  return today > now ? today : today + DAY_MS;
}

/**
 * Runs a task once a day at a fixed UTC time (a missed day is not caught up: the task is written to
 * be safe to run at any time). A failing run is logged and the next day's run still happens. When the
 * clock is moved forward (tests) past the planned time, the run happens at once.
 */
export class DailySchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private due: number | undefined;

  constructor(
    private readonly timeOfDayMs: number,
    private readonly task: () => Promise<void>,
    private readonly log: Logger,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {
    clock.onJump(() => {
      if (this.due !== undefined) this.plan();
    });
  }

  start(): void {
    this.due = nextDailyRun(this.clock.now(), this.timeOfDayMs);
    this.plan();
  }

  private plan(): void {
    clearTimeout(this.timer);
    const delay = (this.due as number) - this.clock.now();
    if (delay > 0) {
      this.timer = setTimeout(() => this.plan(), Math.min(delay, MAX_TIMER_MS));
      this.timer.unref();
      return;
    }
    this.running = this.task()
      .catch((error: unknown) => this.log.error({ err: error }, "daily task failed"))
      .finally(() => (this.running = undefined));
    this.start();
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    this.due = undefined;
    clearTimeout(this.timer);
    await this.running;
  }
}

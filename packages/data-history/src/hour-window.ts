import { emptyHour, hourStart, type HourTotals } from "./hour-totals.js";

/**
 * The totals of the current UTC hour. A sample or request in a new hour moves the old hour's totals
 * aside until they are stored, so each count lands in the hour it happened in, whenever the store runs.
 */
export class HourWindow {
  private current: HourTotals;
  private finished: HourTotals[] = [];

  constructor(now: number) {
    this.current = emptyHour(hourStart(now));
  }

  /** The totals of the hour `now` is in. */
  at(now: number): HourTotals {
    const hour = hourStart(now);
    if (hour !== this.current.hour) {
      this.finished.push(this.current);
      this.current = emptyHour(hour);
    }
    return this.current;
  }

  /**
   * Hands over the totals of every hour that has ended and, with `includeCurrent`, what the current
   * hour gathered so far (it then starts again from empty: stores add up).
   */
  take(now: number, includeCurrent: boolean): HourTotals[] {
    const current = this.at(now);
    const taken = this.finished;
    this.finished = [];
    if (includeCurrent) {
      taken.push(current);
      this.current = emptyHour(current.hour);
    }
    return taken;
  }
}

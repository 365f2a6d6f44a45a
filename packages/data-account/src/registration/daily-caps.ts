import { secondsUntilTomorrow, utcDay } from "@venus/data-common";
import { retryLater, type RuntimeFlagReader } from "@venus/model";
import { coarseAddress } from "../devices/coarse-address.js";

/**
 * Registrations per UTC day, in all and per address range (the runtime flags registrations_per_day
 * and registrations_per_day_per_range; 0: no cap). Counted in memory: a restart starts the day's
 * counts over (docs/admin.md).
 */
export class RegistrationCaps {
  private day = -1;
  private total = 0;
  private readonly perRange = new Map<string, number>();

  constructor(
    private readonly flags: RuntimeFlagReader,
    private readonly now: () => number,
  ) {}

  /**
   * Counts one registration from `ip`, or throws `registration_cap_reached` (retry at UTC midnight).
   * The returned function gives the place back when the account was not made after all.
   */
  take(ip: string): () => void {
    const now = this.now();
    if (utcDay(now) !== this.day) {
      this.day = utcDay(now);
      this.total = 0;
      this.perRange.clear();
    }
    const range = coarseAddress(ip) ?? ip;
    const capTotal = this.flags.get("registrations_per_day");
    const capRange = this.flags.get("registrations_per_day_per_range");
    const inRange = this.perRange.get(range) ?? 0;
    if ((capTotal > 0 && this.total >= capTotal) || (capRange > 0 && inRange >= capRange))
      throw retryLater("registration_cap_reached", secondsUntilTomorrow(now));
    const day = this.day;
    this.total++;
    this.perRange.set(range, inRange + 1);
    return () => {
      if (day !== this.day) return;
      this.total--;
      this.perRange.set(range, (this.perRange.get(range) ?? 1) - 1);
    };
  }
}

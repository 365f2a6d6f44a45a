import { restartDelay } from "@venus/simple-backend";

export interface FailedKeyDelaysOptions {
  /** Delay after the first wrong key from an address; doubles with each further one in a row. */
  baseMs: number;
  maxMs: number;
  /** An address with no wrong key for this long starts again from the base delay. */
  forgetAfterMs?: number;
  /** Addresses remembered at most; the longest quiet one is forgotten first. */
  maxAddresses?: number;
}

interface Failures {
  count: number;
  lastAt: number;
}

/**
 * How long to wait before answering a wrong API key, per client address. Only wrong keys are slowed,
 * and only from the address that sent them, so nobody can lock the API for everyone; a right key from
 * the address resets it.
 */
export class FailedKeyDelays {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly options: FailedKeyDelaysOptions) {}

  /** Records a wrong key from `address` and returns the delay before its answer, in ms. */
  fail(address: string, now = Date.now()): number {
    const previous = this.failures.get(address);
    const fresh = previous && now - previous.lastAt < (this.options.forgetAfterMs ?? 15 * 60_000);
    const count = fresh ? previous.count + 1 : 1;
    // Re-inserted, so the map stays ordered from the longest quiet address to the latest.
    this.failures.delete(address);
    this.failures.set(address, { count, lastAt: now });
    const limit = this.options.maxAddresses ?? 100_000;
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= limit) break;
      this.failures.delete(oldest);
    }
    return restartDelay(count - 1, this.options.baseMs, this.options.maxMs);
  }

  /** A right key: the address starts again from the base delay. */
  succeed(address: string): void {
    this.failures.delete(address);
  }

  /** Wrong keys in a row remembered for `address`. */
  failuresOf(address: string): number {
    return this.failures.get(address)?.count ?? 0;
  }
}

export interface BackoffRule {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
}

interface Entry {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/**
 * Exponential back-off on failures per key: after `freeFailures`, each failure makes the key wait
 * `firstDelayMs`, then twice that, and so on up to `maxDelayMs`. Nothing locks for good: a key that
 * stops failing may try again after its wait, and is forgotten after `forgetAfterMs`.
 */
export class FailureBackoff {
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(
    private readonly rule: BackoffRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string): number {
    const entry = this.live(key);
    return entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
  }

  failed(key: string): void {
    const now = this.now();
    this.sweep(now);
    const entry = this.live(key) ?? { failures: 0, lastFailure: now, blockedUntil: 0 };
    entry.failures++;
    entry.lastFailure = now;
    const beyond = entry.failures - this.rule.freeFailures;
    if (beyond > 0) {
      // 2 ** 30 already exceeds any cap in milliseconds; the exponent stays small.
      const delay = Math.min(this.rule.maxDelayMs, this.rule.firstDelayMs * 2 ** Math.min(beyond - 1, 30));
      entry.blockedUntil = now + delay;
    }
    this.entries.set(key, entry);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailure >= this.rule.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.rule.forgetAfterMs) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries)
      if (now - entry.lastFailure >= this.rule.forgetAfterMs) this.entries.delete(key);
  }
}

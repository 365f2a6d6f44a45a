/** Reconnect delays: doubling from `firstMs` to `maxMs`, with up to a quarter of random spread. */
export class Backoff {
  private attempts = 0;

  constructor(
    private readonly firstMs = 500,
    private readonly maxMs = 30_000,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.firstMs * 2 ** this.attempts++);
    return base * (0.75 + Math.random() * 0.25);
  }

  reset(): void {
    this.attempts = 0;
  }
}

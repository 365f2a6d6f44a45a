/**
 * Where a server reads the time. The system clock in production; in tests a clock that starts at a
 * chosen instant, runs at real speed from there, and can be moved forward (never back). Timers stay
 * real: whatever plans by the clock listens to `onJump` and plans again when the clock is moved.
 */
export interface Clock {
  now(): number;
  onJump(listener: () => void): void;
}

export const SYSTEM_CLOCK: Clock = { now: Date.now, onJump: () => undefined };

export class SettableClock implements Clock {
  private offset: number;
  private readonly listeners: (() => void)[] = [];

  constructor(start: number) {
    this.offset = start - Date.now();
  }

  readonly now = (): number => Date.now() + this.offset;

  onJump(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Moves the clock forward by `ms` (whole milliseconds: times are stored as integers) and tells every listener. */
  advance(ms: number): number {
    if (!(ms >= 0 && Number.isFinite(ms))) throw new RangeError(`the clock only moves forward: ${ms}`);
    this.offset += Math.round(ms);
    for (const listener of this.listeners) listener();
    return this.now();
  }
}

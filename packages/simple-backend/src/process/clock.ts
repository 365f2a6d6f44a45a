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

  /** Moves the clock forward by `ms` and tells every listener; answers the new time. */
  advance(ms: number): number {
    if (!(ms >= 0 && Number.isFinite(ms))) throw new RangeError(`the clock only moves forward: ${ms}`);
    this.offset += ms;
    for (const listener of this.listeners) listener();
    return this.now();
  }
}

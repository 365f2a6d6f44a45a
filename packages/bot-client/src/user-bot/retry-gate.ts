import { VenusApiError } from "../venus-api-error.js";

/** How long to hold back after a 429 or 503 that carried no `Retry-After` (WebSocket answers never do). */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/**
 * How long an error asks the caller to wait, in ms: a `429` or `503` answer's `Retry-After` (or
 * `defaultSeconds` without one); `undefined` for any other error, which asks for no wait.
 */
export function retryAfterMs(
  error: unknown,
  defaultSeconds = DEFAULT_RETRY_AFTER_SECONDS,
): number | undefined {
  if (!(error instanceof VenusApiError) || (error.status !== 429 && error.status !== 503)) return undefined;
  return (error.retryAfterSeconds ?? defaultSeconds) * 1000;
}

/**
 * Per kind of action (browse, like, reply …), the time before which it is not tried again: a limit
 * hit by one kind (the daily likes) does not stop the others (answering messages).
 */
export class RetryGate {
  private readonly closedUntil = new Map<string, number>();

  /** Whether `kind` may run at `now` (ms). */
  isOpen(kind: string, now: number): boolean {
    const until = this.closedUntil.get(kind);
    if (until === undefined) return true;
    if (now < until) return false;
    this.closedUntil.delete(kind);
    return true;
  }

  /** Holds `kind` back for `ms` from `now` (never shortens an existing wait). */
  closeFor(kind: string, ms: number, now: number): void {
    const until = now + Math.max(0, ms);
    if (until > (this.closedUntil.get(kind) ?? 0)) this.closedUntil.set(kind, until);
  }

  /** When `error` asks for a wait (see retryAfterMs), holds `kind` back that long; returns the wait. */
  noteFailure(kind: string, error: unknown, now: number): number | undefined {
    const wait = retryAfterMs(error);
    if (wait !== undefined) this.closeFor(kind, wait, now);
    return wait;
  }

  /** When `kind` opens again (ms), or undefined when it is open. */
  openAt(kind: string): number | undefined {
    return this.closedUntil.get(kind);
  }
}

/**
 * A sleep that ends early: at its time, when `wake()` is called (an event arrived), or when the signal
 * aborts. A `wake()` while nobody sleeps makes the next `sleep()` return at once, so an event that
 * arrives while the bot is busy is not slept through. Leaves no timer or listener behind.
 */
export class Wakeup {
  private woken = false;
  private current: (() => void) | undefined;

  wake(): void {
    this.woken = true;
    this.current?.();
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.woken || signal.aborted || ms <= 0) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.current = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
      this.current = done;
    });
  }
}

/** Waits `ms` or until the signal aborts, whichever comes first; never rejects. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Wakeup().sleep(ms, signal);
}

/**
 * Raised by data-account right after sessions ended durably (logout, sign-out, eviction, a password
 * change, inactivity, a lock, account deletion). Other components that keep state per session (the
 * push targets) listen, and the ending operation waits for them, so the state is gone when it answers.
 */
export class SessionEndSignal {
  private readonly listeners: ((sessionIds: readonly string[]) => Promise<void>)[] = [];

  on(listener: (sessionIds: readonly string[]) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async raise(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    for (const listener of this.listeners) await listener(sessionIds);
  }
}

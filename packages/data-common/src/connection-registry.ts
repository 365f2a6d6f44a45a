import type { DisconnectReason, EventFrame } from "@venus/model";

/** What data needs of a live WebSocket: send a frame, or end it with a reason. */
export interface LiveConnection {
  readonly accountId: string;
  readonly sessionId: string;
  /** The client kind the device said in its hello. */
  readonly kind: string;
  send(frame: object): void;
  disconnect(reason: DisconnectReason): void;
}

/**
 * The live connections: one per session (a signed-in device), any number per account. A device
 * reconnecting on its session replaces its old connection, which is told so.
 */
export class ConnectionRegistry {
  private readonly byAccount = new Map<string, Map<string, LiveConnection>>();
  private readonly bySession = new Map<string, LiveConnection>();

  attach(connection: LiveConnection): void {
    const old = this.bySession.get(connection.sessionId);
    if (old && old !== connection) {
      this.detach(old);
      old.disconnect("replaced");
    }
    // Looked up after the replaced one is detached: detaching the last one drops the account's map.
    let sessions = this.byAccount.get(connection.accountId);
    if (!sessions) this.byAccount.set(connection.accountId, (sessions = new Map()));
    sessions.set(connection.sessionId, connection);
    this.bySession.set(connection.sessionId, connection);
  }

  /** Removes a closed connection; a newer one that replaced it stays. */
  detach(connection: LiveConnection): void {
    if (this.bySession.get(connection.sessionId) !== connection) return;
    this.bySession.delete(connection.sessionId);
    const sessions = this.byAccount.get(connection.accountId);
    sessions?.delete(connection.sessionId);
    if (sessions?.size === 0) this.byAccount.delete(connection.accountId);
  }

  forSession(sessionId: string): LiveConnection | undefined {
    return this.bySession.get(sessionId);
  }

  /** Every account with a live connection now. */
  onlineAccounts(): IterableIterator<string> {
    return this.byAccount.keys();
  }

  /** Every live connection now. */
  all(): IterableIterator<LiveConnection> {
    return this.bySession.values();
  }

  isOnline(accountId: string): boolean {
    return this.byAccount.has(accountId);
  }

  /** Sends an event to every device of the account that is connected now. */
  publish(accountId: string, event: EventFrame["event"], data?: Record<string, unknown>): void {
    const frame: EventFrame = data ? { type: "event", event, data } : { type: "event", event };
    for (const connection of this.byAccount.get(accountId)?.values() ?? []) connection.send(frame);
  }

  disconnectSession(sessionId: string, reason: DisconnectReason): void {
    const connection = this.bySession.get(sessionId);
    if (!connection) return;
    this.detach(connection);
    connection.disconnect(reason);
  }

  disconnectAll(reason: DisconnectReason): void {
    for (const connection of [...this.bySession.values()])
      this.disconnectSession(connection.sessionId, reason);
  }

  get size(): number {
    return this.bySession.size;
  }
}

import type { Connection } from "@venus/simple-backend";

/** Anything that can take a frame: the manager's end of a server's socket. */
type Link = Pick<Connection<unknown>, "send">;

/**
 * The supervised server's sockets to this manager (role `server`; normally one). The manager pushes
 * events through them; whoever cares learns when a server connects, to bring it up to date.
 */
export class ServerLinks {
  private readonly links = new Set<Link>();
  private readonly connectListeners: ((link: Link) => void)[] = [];
  private connectedSince: number | undefined;

  add(link: Link): void {
    this.links.add(link);
    this.connectedSince ??= Date.now();
    for (const listener of this.connectListeners) listener(link);
  }

  remove(link: Link): void {
    this.links.delete(link);
    if (this.links.size === 0) this.connectedSince = undefined;
  }

  /** Calls `listener` with each server socket as it connects. */
  onConnect(listener: (link: Link) => void): void {
    this.connectListeners.push(listener);
  }

  /** Sends an event to every connected server. */
  broadcast(name: string, data: unknown): void {
    for (const link of this.links) link.send({ type: "event", name, data });
  }

  status(): { connected: boolean; since: string | null } {
    return {
      connected: this.links.size > 0,
      since: this.connectedSince === undefined ? null : new Date(this.connectedSince).toISOString(),
    };
  }
}

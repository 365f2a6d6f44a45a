import { managerError, type ManagerResponse } from "../api/manager-request.js";

interface Waiting {
  resolve: (response: ManagerResponse) => void;
  timer: NodeJS.Timeout;
}

/**
 * Requests sent over one socket and not yet answered, by id. Each waits at most `timeoutMs` (then
 * `504 remote_timeout`); when the socket goes, every one still waiting gets `502 link_lost` at once.
 */
export class PendingRequests {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  /** Registers a request: its id, and the answer to come. */
  open(timeoutMs: number, what: string): { id: number; response: Promise<ManagerResponse> } {
    const id = this.nextId++;
    const response = new Promise<ManagerResponse>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(managerError(504, "remote_timeout", `${what} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(id, { resolve, timer });
    });
    return { id, response };
  }

  /** Delivers an answer; false for an id nobody waits for (late, or never asked). */
  settle(id: number, response: ManagerResponse): boolean {
    const waiting = this.waiting.get(id);
    if (waiting === undefined) return false;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    waiting.resolve(response);
    return true;
  }

  /** The socket is gone: everyone waiting is answered `502 link_lost`. */
  failAll(reason: string): void {
    for (const [id, waiting] of this.waiting) {
      clearTimeout(waiting.timer);
      waiting.resolve(managerError(502, "link_lost", `the link closed before the answer came: ${reason}`));
      this.waiting.delete(id);
    }
  }

  get size(): number {
    return this.waiting.size;
  }
}

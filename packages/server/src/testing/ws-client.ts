import { Packr } from "msgpackr";
import WebSocket from "ws";

const packr = new Packr({ useRecords: false });

export type Frame = Record<string, unknown> & { type: string };

interface Waiter {
  matches: (frame: Frame) => boolean;
  deliver: (frame: Frame) => void;
}

/**
 * `moderation_queue_changed` goes to every moderator's connection whenever anyone's upload or edit
 * waits for moderation; tests whose users are admins for another reason do not want to see it among
 * their frames. A client that does (`moderationEvents: true`) keeps it.
 */
const isModerationEvent = (frame: Frame) =>
  frame.type === "event" && frame.event === "moderation_queue_changed";

/**
 * A WebSocket test client that queues received frames so tests can await them in order, or take the
 * first one matching a predicate and leave the others queued.
 */
export class WsClient {
  private readonly frames: Frame[] = [];
  private readonly waiters: Waiter[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(
    readonly socket: WebSocket,
    readonly binary: boolean,
    moderationEvents = false,
  ) {
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      const frame = (isBinary ? packr.unpack(data) : JSON.parse(data.toString())) as Frame;
      if (!moderationEvents && isModerationEvent(frame)) return;
      const index = this.waiters.findIndex((waiter) => waiter.matches(frame));
      if (index < 0) this.frames.push(frame);
      else this.waiters.splice(index, 1)[0]?.deliver(frame);
    });
    this.closed = new Promise((resolve) =>
      socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.opened = new Promise((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
  }

  static async connect(
    url: string,
    options: { msgpack?: boolean; moderationEvents?: boolean } = {},
  ): Promise<WsClient> {
    const socket = new WebSocket(url, options.msgpack ? ["msgpack"] : []);
    const client = new WsClient(socket, options.msgpack ?? false, options.moderationEvents ?? false);
    await client.opened;
    return client;
  }

  send(frame: object): void {
    this.socket.send(this.binary ? packr.pack(frame) : JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** The next frame, waiting up to `timeoutMs`. */
  next(timeoutMs = 5000): Promise<Frame> {
    return this.take(() => true, timeoutMs);
  }

  /** The first frame (queued or still to come) that `matches`, waiting up to `timeoutMs`. */
  take(matches: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const index = this.frames.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.frames.splice(index, 1)[0] as Frame);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches,
        deliver: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Removes the queued frames that match; returns them. */
  discard(matches: (frame: Frame) => boolean): Frame[] {
    const removed = this.frames.filter(matches);
    for (const frame of removed) this.frames.splice(this.frames.indexOf(frame), 1);
    return removed;
  }

  close(): void {
    this.socket.close();
  }
}

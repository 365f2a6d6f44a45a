import { Packr } from "msgpackr";
import WebSocket from "ws";

const packr = new Packr({ useRecords: false });

export type Frame = Record<string, unknown> & { type: string };

/** A WebSocket test client that queues received frames so tests can await them in order. */
export class WsClient {
  private readonly frames: Frame[] = [];
  private readonly waiters: ((frame: Frame) => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(
    readonly socket: WebSocket,
    readonly binary: boolean,
  ) {
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      const frame = (isBinary ? packr.unpack(data) : JSON.parse(data.toString())) as Frame;
      const waiter = this.waiters.shift();
      if (waiter) waiter(frame);
      else this.frames.push(frame);
    });
    this.closed = new Promise((resolve) =>
      socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.opened = new Promise((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
  }

  static async connect(url: string, options: { msgpack?: boolean } = {}): Promise<WsClient> {
    const socket = new WebSocket(url, options.msgpack ? ["msgpack"] : []);
    const client = new WsClient(socket, options.msgpack ?? false);
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
    const queued = this.frames.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push((frame) => {
        clearTimeout(timer);
        resolve(frame);
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}

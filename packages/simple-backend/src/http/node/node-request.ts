import type { IncomingMessage, ServerResponse } from "node:http";
import { BodyTooLargeError, ClientGoneError } from "../body-errors.js";
import type { EncodedReply } from "../encode-reply.js";
import type { DiscardLimits, TransportRequest } from "../transport.js";

function headerMap(req: IncomingMessage): Map<string, string> {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  return headers;
}

/** A request on `node:http`. */
export class NodeRequest implements TransportRequest {
  readonly method: string;
  readonly headers: Map<string, string>;
  readonly peerAddress: string;
  /** Body bytes received so far, kept or not. */
  private received = 0;
  private counting = false;
  private gone = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly url: string,
    readonly query: string,
    readonly rawParams: string[],
  ) {
    this.method = (req.method ?? "GET").toUpperCase();
    this.headers = headerMap(req);
    this.peerAddress = req.socket.remoteAddress ?? "";
    res.on("close", () => {
      this.gone = true;
    });
  }

  private count(): void {
    if (this.counting) return;
    this.counting = true;
    this.req.on("data", (chunk: Buffer) => (this.received += chunk.byteLength));
  }

  readBody(limit: number): Promise<Buffer> {
    if (Number(this.headers.get("content-length") ?? "0") > limit)
      return Promise.reject(new BodyTooLargeError());
    this.count();
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let failed = false;
      this.req.on("data", (chunk: Buffer) => {
        if (failed) return;
        if (this.received > limit) {
          failed = true;
          return reject(new BodyTooLargeError());
        }
        chunks.push(chunk);
      });
      this.req.on("end", () => resolve(Buffer.concat(chunks)));
      this.req.on("close", () => {
        if (!this.req.complete) reject(new ClientGoneError());
      });
    });
  }

  /**
   * With `discard` (an over-limit body within `discard.maxBytes`), the whole answer is written at once
   * but the response ends only once the rest of the body has been read and dropped: Node closes the
   * connection when a response ends, and a close with unread data resets a client still sending before
   * it reads the answer. A body that goes on past the limits loses its connection.
   */
  send(reply: EncodedReply, close: boolean, discard?: DiscardLimits): void {
    if (this.gone || this.res.headersSent) return;
    this.gone = true;
    const declared = this.headers.get("content-length");
    const fits = discard && (declared === undefined || Number(declared) <= discard.maxBytes);
    this.res.statusCode = reply.status;
    for (const [name, value] of reply.headers) this.res.setHeader(name, value);
    if (close || (discard && !fits)) this.res.setHeader("connection", "close");
    if (!fits || this.req.complete) return void this.res.end(reply.body);
    this.res.setHeader("content-length", reply.body === undefined ? 0 : Buffer.byteLength(reply.body));
    if (reply.body !== undefined) this.res.write(reply.body);
    this.discardRest(discard, () => this.res.end());
  }

  private discardRest(limits: DiscardLimits, done: () => void): void {
    const socket = this.req.socket;
    const timer = setTimeout(() => socket.destroy(), limits.seconds * 1000);
    this.count();
    this.req.on("data", () => {
      if (this.received <= limits.maxBytes) return;
      clearTimeout(timer);
      socket.destroy();
    });
    this.req.on("end", () => {
      clearTimeout(timer);
      done();
    });
    this.req.on("close", () => clearTimeout(timer));
    this.req.resume();
  }

  destroy(): void {
    this.gone = true;
    this.res.destroy();
  }
}

import { STATUS_TEXT } from "../http-types.js";
import { BodyTooLargeError, ClientGoneError } from "../body-errors.js";
import type { EncodedReply } from "../encode-reply.js";
import type { DiscardLimits, TransportRequest } from "../transport.js";
import type { HttpRequest, HttpResponse } from "./native-uws.js";

type BodySink = (chunk: ArrayBuffer, isLast: boolean) => void;

/**
 * A request on uWebSockets.js. `req` is valid only during the route callback, so everything is copied
 * here; `res` is used until the answer (never after `onAborted`).
 */
export class UwsRequest implements TransportRequest {
  readonly method: string;
  readonly url: string;
  readonly query: string;
  readonly headers = new Map<string, string>();
  readonly rawParams: string[] = [];
  readonly peerAddress: string;
  private gone = false;
  private onGone: (() => void) | undefined;
  /** Body bytes received so far, kept or not. */
  private received = 0;
  private complete = false;
  private sink: BodySink | undefined;

  constructor(
    private readonly res: HttpResponse,
    req: HttpRequest,
    paramCount: number,
  ) {
    res.onAborted(() => {
      this.gone = true;
      this.onGone?.();
    });
    this.method = req.getMethod().toUpperCase();
    this.url = req.getUrl();
    this.query = req.getQuery() ?? "";
    req.forEach((key, value) => this.headers.set(key, value));
    for (let i = 0; i < paramCount; i++) this.rawParams.push(req.getParameter(i) ?? "");
    this.peerAddress = Buffer.from(res.getRemoteAddressAsText()).toString();
  }

  private onBody(sink: BodySink): void {
    if (!this.sink)
      this.res.onData((chunk, isLast) => {
        this.received += chunk.byteLength;
        this.complete = isLast;
        this.sink?.(chunk, isLast);
      });
    this.sink = sink;
  }

  readBody(limit: number): Promise<Buffer> {
    const declared = Number(this.headers.get("content-length") ?? "0");
    if (declared > limit) return Promise.reject(new BodyTooLargeError());
    return new Promise((resolve, reject) => {
      // With a declared length each chunk is copied once, into the body's own buffer.
      const whole = declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
      const chunks: Buffer[] = [];
      this.onGone = () => reject(new ClientGoneError());
      this.onBody((chunk, isLast) => {
        if (this.received > limit || (whole !== undefined && this.received > whole.length)) {
          this.sink = undefined;
          return reject(new BodyTooLargeError());
        }
        // uWS reuses the chunk's memory after this callback returns: copy it.
        const bytes = Buffer.from(chunk);
        if (whole !== undefined) bytes.copy(whole, this.received - bytes.length);
        else chunks.push(Buffer.from(bytes));
        if (!isLast) return;
        if (whole !== undefined) resolve(whole.subarray(0, this.received));
        else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
      });
    });
  }

  /**
   * With `discard` (an over-limit body): a body whose declared length is within `discard.maxBytes` is
   * answered at once on a connection that stays open, and uWS reads and drops the rest itself (bounded
   * by its own 10 s idle timeout). uWS closes a connection the client asked to close right after the
   * answer, which would reset a client still sending; so such a body, and a chunked one, is read and
   * dropped within the limits first and answered then. A larger body is answered and closed at once.
   */
  send(reply: EncodedReply, close: boolean, discard?: DiscardLimits): void {
    if (this.gone) return;
    const declared = this.headers.get("content-length");
    const fits = discard && (declared === undefined || Number(declared) <= discard.maxBytes);
    if (!fits) return this.end(reply, close || discard !== undefined);
    const closeAsked = /close/i.test(this.headers.get("connection") ?? "");
    if (this.complete || (declared !== undefined && !closeAsked)) return this.end(reply, close);
    const timer = setTimeout(() => this.end(reply, true), discard.seconds * 1000);
    this.onGone = () => clearTimeout(timer);
    this.onBody((_chunk, isLast) => {
      if (!isLast && this.received <= discard.maxBytes) return;
      clearTimeout(timer);
      // The whole body read: the connection can serve the next request unless the client said close.
      this.end(reply, close || closeAsked || !isLast);
    });
  }

  private end(reply: EncodedReply, close: boolean): void {
    if (this.gone) return;
    this.gone = true;
    this.sink = undefined;
    this.res.cork(() => {
      this.res.writeStatus(STATUS_TEXT[reply.status] ?? String(reply.status));
      for (const [name, value] of reply.headers) this.res.writeHeader(name, value);
      this.res.end(reply.body, close);
    });
  }

  destroy(): void {
    if (this.gone) return;
    this.gone = true;
    this.res.close();
  }
}

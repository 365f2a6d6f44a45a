import { STATUS_TEXT } from "../http-types.js";
import { BodyTooLargeError, ClientGoneError } from "../body-errors.js";
import type { EncodedReply } from "../encode-reply.js";
import type { DiscardLimits, TransportRequest } from "../transport.js";
import type { HttpRequest, HttpResponse } from "./native-uws.js";

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

  readBody(limit: number): Promise<Buffer> {
    const declared = Number(this.headers.get("content-length") ?? "0");
    if (declared > limit) return Promise.reject(new BodyTooLargeError());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      this.onGone = () => reject(new ClientGoneError());
      this.res.onData((chunk, isLast) => {
        if (failed) return;
        size += chunk.byteLength;
        if (size > limit) {
          failed = true;
          return reject(new BodyTooLargeError());
        }
        // uWS reuses the chunk's memory after this callback returns: copy it.
        chunks.push(Buffer.from(new Uint8Array(chunk).slice()));
        if (isLast) resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
      });
    });
  }

  /**
   * With `discard`, a body of declared length within `discard.maxBytes` is answered at once and the
   * connection kept: uWS reads and drops the rest of the body itself (bounded by its own 10 s idle
   * timeout, not by `discard.seconds`, which uWS.js gives no way to enforce after an answer). A larger
   * or chunked body is answered and the connection closed at once.
   */
  send(reply: EncodedReply, close: boolean, discard?: DiscardLimits): void {
    if (this.gone) return;
    this.gone = true;
    const declared = this.headers.get("content-length");
    const closeNow =
      close || (discard !== undefined && (declared === undefined || Number(declared) > discard.maxBytes));
    this.res.cork(() => {
      this.res.writeStatus(STATUS_TEXT[reply.status] ?? String(reply.status));
      for (const [name, value] of reply.headers) this.res.writeHeader(name, value);
      this.res.end(reply.body, closeNow);
    });
  }

  destroy(): void {
    if (this.gone) return;
    this.gone = true;
    this.res.close();
  }
}

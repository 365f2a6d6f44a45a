import type { EncodedReply } from "./encode-reply.js";

export type TransportName = "uws" | "node";

/** Which transport runs and why it was chosen (start-up log, `/health`, `venus_http_transport`). */
export interface TransportInfo {
  name: TransportName;
  reason: string;
}

/** How much of an over-limit body is read and thrown away after the 413, so the client sees it. */
export interface DiscardLimits {
  maxBytes: number;
  seconds: number;
}

/** One HTTP request as a transport presents it; the transport-independent work is in HttpServer. */
export interface TransportRequest {
  /** Upper case. */
  method: string;
  /** The path, without the query. */
  url: string;
  query: string;
  headers: Map<string, string>;
  /** The route's path parameters in pattern order, still percent-encoded. */
  rawParams: string[];
  /** The TCP peer's address as text (not yet normalized). */
  peerAddress: string;
  /** Collects the body; rejects with BodyTooLargeError once it (or its declared length) passes `limit`. */
  readBody(limit: number): Promise<Buffer>;
  /**
   * Sends the reply (nothing when the client has gone). `close` ends the connection after it; `discard` (after a BodyTooLargeError) keeps
   * reading and throwing away the rest of the body within its limits, then closes if it did not end.
   */
  send(reply: EncodedReply, close: boolean, discard?: DiscardLimits): void;
  /** Drops the connection without an answer (the last resort when even an answer failed). */
  destroy(): void;
}

export type RequestCallback = (request: TransportRequest) => void;

/** A raw WebSocket as a transport holds it. */
export interface TransportSocket {
  send(data: Buffer | string, binary: boolean): void;
  /** Runs `sends`, their frames leaving in one write where the transport can (uWS's cork). */
  cork(sends: () => void): void;
  /** A clean close with a code and reason. */
  end(code: number, reason: string): void;
}

export interface SocketLimits {
  maxFrameBytes: number;
  idleTimeoutSeconds: number;
  maxSendBufferBytes: number;
}

/** What a WebSocket endpoint does with its sockets; `T` is what `open` returns for the socket. */
export interface SocketCallbacks<T> {
  /** Picks the subprotocol among those offered and computes the client's address, at the upgrade. */
  upgrade(headers: Map<string, string>, peerAddress: string): { protocol: string; remoteAddress: string };
  open(socket: TransportSocket, upgraded: { protocol: string; remoteAddress: string }): T;
  message(owner: T, data: Buffer, isBinary: boolean): void;
  close(owner: T, code: number): void;
}

/** One listening address of a transport. */
export interface TransportListener {
  route(method: string, pattern: string, callback: RequestCallback): void;
  /** Every request that matches no route (and no WebSocket path). */
  fallback(callback: RequestCallback): void;
  webSocket<T>(path: string, limits: SocketLimits, callbacks: SocketCallbacks<T>): void;
  listen(host: string, port: number): Promise<number>;
  /** Closes the listening socket; open connections stay. */
  stopAccepting(): void;
}

export interface Transport extends TransportInfo {
  listener(): TransportListener;
}

import type { Duplex } from "node:stream";
import { STATUS_TEXT } from "../http-types.js";

function answerFor(error: NodeJS.ErrnoException): { status: number; code: string; message: string } {
  if (error.code === "HPE_HEADER_OVERFLOW")
    return { status: 431, code: "headers_too_large", message: "the request headers are too large" };
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return { status: 408, code: "request_timeout", message: "the request did not arrive in time" };
  return { status: 400, code: "malformed_request", message: "the request line or headers cannot be parsed" };
}

/**
 * `node:http`'s `clientError`: a request whose line or headers cannot be parsed gets a JSON answer with
 * a code before the connection closes (Node's own answer has no body), unless the client is gone.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const { status, code, message } = answerFor(error);
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${STATUS_TEXT[status] ?? String(status)}\r\n` +
      "content-type: application/json\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "connection: close\r\n\r\n" +
      body,
  );
}

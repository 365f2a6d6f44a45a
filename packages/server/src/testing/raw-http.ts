import { connect } from "node:net";

export interface RawExchange {
  /** Everything the server sent. */
  received: string;
  /** The socket error (EPIPE, ECONNRESET), if any. */
  error: string | undefined;
  /** Whether the server ended the connection (rather than the client, after `closeAfterMs`). */
  closedByServer: boolean;
}

/**
 * Writes `head` and then `body` on a raw TCP socket as fast as the server takes it, reading all the
 * while, until the server closes the connection (or `closeAfterMs` passes, then the client closes).
 */
export function rawExchange(
  port: number,
  head: string,
  body: Buffer,
  options: { closeAfterMs?: number } = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let error: string | undefined;
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    socket.on("error", (caught: NodeJS.ErrnoException) => (error = caught.code));
    let closedByServer = true;
    const timer = setTimeout(() => {
      closedByServer = false;
      socket.destroy();
    }, options.closeAfterMs ?? 30_000);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ received, error, closedByServer });
    });
    socket.write(head);
    let offset = 0;
    const pump = () => {
      while (offset < body.length && !socket.destroyed) {
        const more = socket.write(body.subarray(offset, offset + 65536));
        offset += 65536;
        if (!more) return void socket.once("drain", pump);
      }
    };
    pump();
  });
}

/** A request head with a declared body length. */
export function requestHead(method: string, path: string, length: number, headers: string[] = []): string {
  return [
    `${method} ${path} HTTP/1.1`,
    "host: 127.0.0.1",
    `content-length: ${length}`,
    ...headers,
    "",
    "",
  ].join("\r\n");
}

import { createServer } from "node:net";

/** A listener that could not bind: the start-up stops with exit 2 and one line naming the setting. */
export class ListenFailure extends Error {
  override readonly name = "ListenFailure";
}

const REASONS: Record<string, string> = {
  EADDRINUSE: "address in use",
  EACCES: "permission denied",
  EADDRNOTAVAIL: "address not available on this machine",
};

/**
 * Why `host:port` cannot be bound: the transport may not say (uWebSockets.js only reports failure),
 * so a plain Node socket tries the same address and its error code names the cause.
 */
export function bindFailureReason(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      resolve(REASONS[error.code ?? ""] ?? error.code ?? error.message);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve("the listener failed")));
  });
}

/**
 * Listens, or rejects with a ListenFailure whose message is the one line an operator needs, e.g.
 * `cannot listen on 127.0.0.1:3001 (bots.local_port): address in use`.
 */
export async function listenOrFail(
  listener: { listen(): Promise<number> },
  host: string,
  port: number,
  setting: string,
): Promise<number> {
  try {
    return await listener.listen();
  } catch {
    throw new ListenFailure(
      `cannot listen on ${host}:${port} (${setting}): ${await bindFailureReason(host, port)}`,
    );
  }
}

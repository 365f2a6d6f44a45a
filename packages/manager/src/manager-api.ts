import { errorReply, type HttpHandler, type HttpReply, type HttpServer } from "@venus/simple-backend";
import { bearerKey, keyMatches } from "./api-key.js";
import { FailedKeyDelays } from "./failed-key-delays.js";
import type { ServerSupervisor } from "./server-supervisor.js";
import type { SystemInfo } from "./system-info.js";

export interface ManagerApiOptions {
  apiKey: string;
  failedKeyBaseDelayMs: number;
  failedKeyMaxDelayMs: number;
  supervisor: ServerSupervisor;
  /** Lines kept of the server's output: the most `GET /manager/logs` returns. */
  logLines: number;
  systemInfo: () => Promise<SystemInfo>;
}

/** Lines `GET /manager/logs` returns without `?lines=`. */
export const DEFAULT_LOG_LINES = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Mounts the manager API. Every route needs `Authorization: Bearer <api_key>`; a wrong or missing key
 * is answered 401 only after its address's growing delay, while the right key is answered at once.
 */
export function mountManagerApi(http: HttpServer, options: ManagerApiOptions): void {
  const delays = new FailedKeyDelays({
    baseMs: options.failedKeyBaseDelayMs,
    maxMs: options.failedKeyMaxDelayMs,
  });
  const authorized =
    (handler: HttpHandler): HttpHandler =>
    async (ctx) => {
      if (keyMatches(bearerKey(ctx.headers.get("authorization")), options.apiKey)) {
        delays.succeed(ctx.remoteAddress);
        return handler(ctx);
      }
      const delayMs = delays.fail(ctx.remoteAddress);
      ctx.log.warn({ address: ctx.remoteAddress, url: ctx.url, delayMs }, "manager API: wrong API key");
      await sleep(delayMs);
      return errorReply(401, "invalid_api_key", "missing or wrong API key (Authorization: Bearer <key>)", {
        "www-authenticate": "Bearer",
      });
    };
  const { supervisor } = options;

  http.route(
    "get",
    "/manager/server",
    authorized(() => ({ status: 200, body: supervisor.status() })),
  );
  http.route(
    "post",
    "/manager/server/restart",
    authorized(async (ctx) => {
      ctx.log.info({ address: ctx.remoteAddress }, "server restart requested");
      await supervisor.restart();
      return { status: 200, body: supervisor.status() };
    }),
  );
  http.route(
    "get",
    "/manager/logs",
    authorized((ctx): HttpReply => {
      const raw = ctx.query.get("lines");
      const count = raw === null ? DEFAULT_LOG_LINES : Number(raw);
      if (!Number.isInteger(count) || count < 1 || count > options.logLines)
        return errorReply(
          400,
          "invalid_request",
          `lines must be a whole number from 1 to ${options.logLines} (server.log_lines)`,
        );
      const lines = supervisor.logs(count).map((line) => ({
        time: new Date(line.time).toISOString(),
        stream: line.stream,
        text: line.text,
      }));
      return { status: 200, body: { lines } };
    }),
  );
  http.route(
    "get",
    "/manager/system_info",
    authorized(async () => ({ status: 200, body: await options.systemInfo() })),
  );
  http.notFound();
}

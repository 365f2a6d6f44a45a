import { errorReply, type HttpHandler, type HttpServer } from "@venus/simple-backend";
import { bearerKey } from "./api-key.js";
import { INVALID_API_KEY, type ApiKeyGate } from "./api-key-gate.js";
import { isBytes, type ManagerHandler, type ManagerMethod } from "./manager-request.js";

export const OCTET_STREAM = "application/octet-stream";

const HTTP_METHODS = [
  ["get", "GET"],
  ["post", "POST"],
  ["put", "PUT"],
  ["del", "DELETE"],
] as const;

function parseBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  if (contentType?.startsWith(OCTET_STREAM)) return new Uint8Array(body.buffer, body.byteOffset, body.length);
  return JSON.parse(body.toString("utf8"));
}

/**
 * Serves the manager API over HTTP: every `/manager/…` request needs `Authorization: Bearer <key>`;
 * JSON bodies, or raw bytes as `application/octet-stream` both ways.
 */
export function mountManagerHttp(http: HttpServer, gate: ApiKeyGate, dispatch: ManagerHandler): void {
  const handler =
    (method: ManagerMethod): HttpHandler =>
    async (ctx) => {
      const given = bearerKey(ctx.headers.get("authorization"));
      if (!(await gate.admit(given, ctx.remoteAddress, `${method} ${ctx.url}`)))
        return {
          ...errorReply(401, INVALID_API_KEY.code, INVALID_API_KEY.message),
          headers: { "www-authenticate": "Bearer" },
        };
      let body: unknown;
      try {
        body = parseBody(ctx.body, ctx.headers.get("content-type"));
      } catch {
        return errorReply(400, "invalid_request", "the body is not JSON (or send application/octet-stream)");
      }
      const response = await dispatch({
        method,
        path: ctx.url,
        query: ctx.query,
        body,
        caller: ctx.remoteAddress,
      });
      return isBytes(response.body)
        ? { status: response.status, body: Buffer.from(response.body), contentType: OCTET_STREAM }
        : { status: response.status, body: response.body ?? {} };
    };
  for (const [httpMethod, method] of HTTP_METHODS) http.route(httpMethod, "/manager/*", handler(method));
  http.notFound();
}

import { STATUS_TEXT, type HttpReply } from "./http-types.js";
import type { HttpResponse } from "./uws.js";

function encodeBody(reply: HttpReply): {
  body: string | Buffer | undefined;
  type: string | undefined;
} {
  const { body } = reply;
  if (body === undefined) return { body: undefined, type: undefined };
  if (typeof body === "string") return { body, type: reply.contentType ?? "text/plain; charset=utf-8" };
  if (Buffer.isBuffer(body)) return { body, type: reply.contentType ?? "application/octet-stream" };
  return {
    body: JSON.stringify(body),
    type: reply.contentType ?? "application/json",
  };
}

export function sendReply(
  res: HttpResponse,
  reply: HttpReply,
  requestId: string,
  closeConnection = false,
): void {
  const { body, type } = encodeBody(reply);
  res.cork(() => {
    res.writeStatus(STATUS_TEXT[reply.status] ?? String(reply.status));
    if (type) res.writeHeader("content-type", type);
    res.writeHeader("x-request-id", requestId);
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.writeHeader(name, value);
    res.end(body, closeConnection);
  });
}

import type { HttpReply } from "./http-types.js";

/** A reply ready for the wire: a status, its headers (content type included) and a body. */
export interface EncodedReply {
  status: number;
  headers: [string, string][];
  body: string | Buffer | undefined;
}

function encodeBody(reply: HttpReply): { body: string | Buffer | undefined; type: string | undefined } {
  const { body } = reply;
  if (body === undefined) return { body: undefined, type: undefined };
  if (typeof body === "string") return { body, type: reply.contentType ?? "text/plain; charset=utf-8" };
  if (Buffer.isBuffer(body)) return { body, type: reply.contentType ?? "application/octet-stream" };
  return { body: JSON.stringify(body), type: reply.contentType ?? "application/json" };
}

export function encodeReply(reply: HttpReply, requestId: string): EncodedReply {
  const { body, type } = encodeBody(reply);
  const headers: [string, string][] = [];
  if (type) headers.push(["content-type", type]);
  headers.push(["x-request-id", requestId]);
  headers.push(...Object.entries(reply.headers ?? {}));
  return { status: reply.status, headers, body };
}

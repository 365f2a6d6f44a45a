import type { HttpResponse } from "./uws.js";

export class BodyTooLargeError extends Error {
  constructor() {
    super("request body too large");
  }
}

/** Collects the request body, rejecting as soon as it (or its declared length) passes the limit. */
export function readBody(res: HttpResponse, headers: Map<string, string>, limit: number): Promise<Buffer> {
  const declared = Number(headers.get("content-length") ?? "0");
  if (declared > limit) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    res.onData((chunk, isLast) => {
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

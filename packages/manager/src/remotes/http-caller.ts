import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { managerError, isBytes } from "../api/manager-request.js";
import { OCTET_STREAM } from "../api/manager-http.js";
import type { ManagerCaller } from "./manager-caller.js";

/** The whole answer, its bytes concatenated once. */
function readAnswer(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () => resolve(Buffer.concat(chunks)));
    response.on("error", reject);
    response.on("close", () => {
      if (!response.complete) reject(new Error("the answer was cut short"));
    });
  });
}

/**
 * Calls a manager's HTTP API at `url` with its key, over kept-alive connections. A manager that
 * cannot be reached is answered `502 remote_unreachable`, one that does not answer within
 * `timeoutMs` `504 remote_timeout`. `node:http` rather than `fetch`: a body of bytes (backup
 * records, 1 MiB a request) is written as it is, where `fetch` copies it first.
 */
export function httpCaller(url: string, apiKey: string, timeoutMs: number): ManagerCaller {
  const base = url.replace(/\/+$/, "");
  const secure = base.startsWith("https:");
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;
  return async (request) => {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    let body: Uint8Array | string | undefined;
    if (isBytes(request.body)) {
      headers["content-type"] = OCTET_STREAM;
      body = request.body;
    } else if (request.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.body);
    }
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        const outgoing = send(
          `${base}${request.path}`,
          { method: request.method, headers, agent, signal },
          resolve,
        );
        outgoing.on("error", reject);
        outgoing.end(body);
      });
      const bytes = await readAnswer(response);
      const status = response.statusCode ?? 502;
      if ((response.headers["content-type"] ?? "").startsWith(OCTET_STREAM))
        return { status, body: new Uint8Array(bytes) }; // its own memory, as `arrayBuffer()` gave
      return { status, body: bytes.length === 0 ? undefined : JSON.parse(bytes.toString("utf8")) };
    } catch (error) {
      if (signal.aborted)
        return managerError(504, "remote_timeout", `${base} did not answer within ${timeoutMs} ms`);
      return managerError(502, "remote_unreachable", `cannot reach ${base}: ${(error as Error).message}`);
    }
  };
}

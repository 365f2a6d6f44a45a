import { managerError, isBytes } from "../api/manager-request.js";
import { OCTET_STREAM } from "../api/manager-http.js";
import type { ManagerCaller } from "./manager-caller.js";

/**
 * Calls a manager's HTTP API at `url` with its key. A manager that cannot be reached is answered
 * `502 remote_unreachable`, one that does not answer within `timeoutMs` `504 remote_timeout`.
 */
export function httpCaller(url: string, apiKey: string, timeoutMs: number): ManagerCaller {
  const base = url.replace(/\/+$/, "");
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
    let response: Response;
    try {
      response = await fetch(`${base}${request.path}`, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const type = response.headers.get("content-type") ?? "";
      if (type.startsWith(OCTET_STREAM)) return { status: response.status, body: bytes };
      return {
        status: response.status,
        body: bytes.length === 0 ? undefined : JSON.parse(Buffer.from(bytes).toString("utf8")),
      };
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError")
        return managerError(504, "remote_timeout", `${base} did not answer within ${timeoutMs} ms`);
      return managerError(502, "remote_unreachable", `cannot reach ${base}: ${(error as Error).message}`);
    }
  };
}

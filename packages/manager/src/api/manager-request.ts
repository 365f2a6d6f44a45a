/** One manager API request, whichever way it arrived (HTTP, the WebSocket, a manager-to-manager link). */
export interface ManagerRequest {
  method: ManagerMethod;
  /** The path without its query, e.g. `/manager/server`. */
  path: string;
  query: URLSearchParams;
  /** A JSON value, raw bytes (`application/octet-stream` over HTTP), or undefined. */
  body: unknown;
  /** Who asked: the client address, or `link:<name>` for a request that came over a link. */
  caller: string;
}

export type ManagerMethod = "GET" | "POST" | "PUT" | "DELETE";
export const MANAGER_METHODS: readonly ManagerMethod[] = ["GET", "POST", "PUT", "DELETE"];

export interface ManagerResponse {
  status: number;
  /** A JSON value or raw bytes. */
  body: unknown;
}

export type ManagerHandler = (request: ManagerRequest) => Promise<ManagerResponse> | ManagerResponse;

/** The error body every Venus reply uses: `{"error":{"code","message"}}`. */
export function managerError(status: number, code: string, message: string): ManagerResponse {
  return { status, body: { error: { code, message } } };
}

export const ok = (body: unknown): ManagerResponse => ({ status: 200, body });

export function isBytes(body: unknown): body is Uint8Array {
  return body instanceof Uint8Array;
}

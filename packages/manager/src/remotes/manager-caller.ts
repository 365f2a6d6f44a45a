import type { ManagerMethod, ManagerResponse } from "../api/manager-request.js";

/** A request this manager sends to another one. */
export interface OutgoingRequest {
  method: ManagerMethod;
  /** Path and query, e.g. `/manager/logs?lines=10`. */
  path: string;
  /** A JSON value, raw bytes, or undefined. */
  body?: unknown;
}

/** Sends one request to a manager (directly over HTTP, or over a link) and resolves with its answer. */
export type ManagerCaller = (request: OutgoingRequest) => Promise<ManagerResponse>;

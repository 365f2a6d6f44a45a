import type { Static, TSchema } from "@sinclair/typebox";
import { authenticateHttp, requireRouteOpen, type Authenticated } from "@venus/data-account";
import { recordRequest } from "@venus/data-history";
import { VenusError, type ErrorCode, type Permission } from "@venus/model";
import type { HttpHandler, HttpReply, HttpRequestContext, OpenApiRoute } from "@venus/simple-backend";
import { auditAdminAction } from "./admin-audit.js";
import type { ApiDeps } from "./api-deps.js";
import { parseJson, parseJsonBody, validate } from "./parse-body.js";
import { routeErrors } from "./route-errors.js";

export interface RouteInput<B, A> {
  http: HttpRequestContext;
  body: B;
  auth: A;
  deps: ApiDeps;
}

/** A route: its OpenAPI description and the handler built from the same schemas. */
export interface ApiRoute {
  doc: OpenApiRoute;
  handler(deps: ApiDeps): HttpHandler;
  /** This route's body limit when it is not the server-wide `http.max_body_bytes`. */
  maxBodyBytes?: (deps: ApiDeps) => number;
}

/** A route's description; `errors` lists the codes it answers beyond those every route of its kind does. */
type Doc = Omit<OpenApiRoute, "auth" | "body" | "errors"> & { errors?: readonly ErrorCode[] };

/** Counts the request in the statistics history: `METHOD /pattern`, or `WS method` for a WebSocket request. */
function countRequest(deps: ApiDeps, http: HttpRequestContext, accountId?: string): void {
  recordRequest(deps.history, accountId, `${http.method} ${http.route}`);
}

function bearerToken(http: HttpRequestContext): string | undefined {
  const header = http.headers.get("authorization");
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
}

/** A route anyone may call. */
export function publicRoute<S extends TSchema>(
  doc: Doc & { body?: S },
  handle: (input: RouteInput<Static<S>, undefined>) => Promise<HttpReply> | HttpReply,
): ApiRoute {
  return {
    doc: { ...doc, auth: false, errors: routeErrors({ ...doc, auth: false }, doc.errors) },
    handler: (deps) => (http) => {
      countRequest(deps, http);
      return handle({
        http,
        body: (doc.body
          ? parseJsonBody(doc.body, http.body, deps.account.config.http.max_json_depth)
          : undefined) as Static<S>,
        auth: undefined,
        deps,
      });
    },
  };
}

/** A route for a signed-in user with a live WebSocket, optionally needing an admin permission. */
export function userRoute<S extends TSchema>(
  doc: Doc & { body?: S; permission?: Permission; maxBodyBytes?: (deps: ApiDeps) => number },
  handle: (input: RouteInput<Static<S>, Authenticated>) => Promise<HttpReply> | HttpReply,
): ApiRoute & { invoke: RouteInvoker } {
  const invoke: RouteInvoker = (deps, auth, body, http) => {
    countRequest(deps, http, auth.account.id);
    requireRouteOpen(auth.account, doc.path);
    if (doc.permission && !auth.account.permissions.has(doc.permission)) {
      throw new VenusError("forbidden", `requires the ${doc.permission} permission`);
    }
    const input = { http, body: (doc.body ? validate(doc.body, body) : undefined) as Static<S>, auth, deps };
    // Every admin action that changes something goes to the audit log before its answer.
    return doc.permission && doc.method !== "get"
      ? auditAdminAction(doc, input, handle(input))
      : handle(input);
  };
  const { maxBodyBytes, ...openApi } = doc;
  return {
    doc: { ...openApi, auth: true, errors: routeErrors({ ...openApi, auth: true }, doc.errors) },
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    handler: (deps) => (http) => {
      const auth = authenticateHttp(deps.account, bearerToken(http));
      return invoke(
        deps,
        auth,
        doc.body ? parseJson(http.body, deps.account.config.http.max_json_depth) : undefined,
        http,
      );
    },
    invoke,
  };
}

/** Runs a user route with an authentication already established (HTTP bearer, or a live WebSocket). */
export type RouteInvoker = (
  deps: ApiDeps,
  auth: Authenticated,
  body: unknown,
  http: HttpRequestContext,
) => Promise<HttpReply> | HttpReply;

export function json(status: number, body: unknown): HttpReply {
  return { status, body };
}

import { recordAdminAction, type Authenticated } from "@venus/data-account";
import type { HttpReply, HttpRequestContext } from "@venus/simple-backend";
import type { ApiDeps } from "./api-deps.js";
import { parseJson } from "./parse-body.js";

/** The request body as JSON when a route took it raw (`/admin/manager/…`); undefined when none or not JSON. */
function rawJson(body: Buffer, maxDepth: number): unknown {
  if (body.length === 0) return undefined;
  try {
    return parseJson(body, maxDepth);
  } catch {
    return undefined;
  }
}

/**
 * Writes a successful admin action (a route with a permission, other than GET) to the audit log and
 * only then lets the answer go: an answered admin action is in the log, even after a crash.
 */
export async function auditAdminAction(
  route: { method: string; path: string },
  input: { http: HttpRequestContext; auth: Authenticated; deps: ApiDeps; body: unknown },
  pending: Promise<HttpReply> | HttpReply,
): Promise<HttpReply> {
  const reply = await pending;
  if (reply.status >= 400) return reply;
  const { http } = input;
  await recordAdminAction(input.deps.account, {
    adminId: input.auth.account.id,
    method: route.method,
    pathPattern: route.path,
    path: http.url,
    params: http.params,
    query: http.query.toString(),
    body: input.body ?? rawJson(http.body, input.deps.account.config.http.max_json_depth),
  });
  return reply;
}

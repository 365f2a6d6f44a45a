import type { ErrorCode } from "@venus/model";
import type { OpenApiRoute } from "@venus/simple-backend";

const BODY_METHODS = new Set(["post", "put", "patch"]);

/**
 * Every error a route can answer: its own list plus the ones every route of its kind can, by rule —
 * the request boundary (body size, JSON, path encoding, shutdown), sign-in and access for user routes.
 * A route that lists a code the rule gives it is refused, so each code is declared in one place.
 */
export function routeErrors(doc: OpenApiRoute, own: readonly ErrorCode[] = []): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (doc.path.includes("/:")) codes.push("invalid_path");
  if (doc.body) codes.push("invalid_json", "validation_failed");
  if (doc.query) codes.push("validation_failed");
  if (doc.auth) {
    codes.push("invalid_token", "websocket_required");
    if (!doc.path.startsWith("/account/")) codes.push("account_banned", "account_pending_deletion");
    if (doc.permission) codes.push("forbidden");
  }
  if (BODY_METHODS.has(doc.method)) codes.push("payload_too_large");
  codes.push("internal_error", "shutting_down");
  const byRule = own.filter((code) => codes.includes(code));
  if (byRule.length > 0)
    throw new Error(
      `${doc.method} ${doc.path} lists ${byRule.join(", ")}, which its kind of route has by rule`,
    );
  return [...new Set([...codes, ...own])];
}

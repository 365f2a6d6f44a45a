import type { AuditRow } from "@venus/database";

/** What the route layer knows of one successful admin action. */
export interface AdminAction {
  adminId: string;
  method: string;
  /** The route's path pattern, e.g. `/admin/accounts/:account_id/ban`. */
  pathPattern: string;
  /** The path as requested. */
  path: string;
  /** Path parameter values, in the pattern's order. */
  params: readonly string[];
  /** The query string, without `?`. */
  query: string;
  /** The parsed JSON body, if any. */
  body: unknown;
  /** The account acted on, when the path and body do not name it (`venus admin` names it by email). */
  targetId?: string;
}

/** Keys whose values never go into the log, at any depth. */
const SECRET_KEY = /password|secret|token|api_?key|^key$/i;
export const REDACTED = "[redacted]";

/** A copy of a JSON value with every secret-looking key's value replaced. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(v)]),
  );
}

/** The account acted on: the `:account_id` path parameter, else the body's `account_id`. */
export function auditTarget(
  action: Pick<AdminAction, "pathPattern" | "params" | "body" | "targetId">,
): string | null {
  if (action.targetId !== undefined) return action.targetId;
  const names = action.pathPattern.split("/").filter((part) => part.startsWith(":"));
  const index = names.indexOf(":account_id");
  if (index >= 0) return action.params[index] ?? null;
  const fromBody = (action.body as { account_id?: unknown } | null | undefined)?.account_id;
  return typeof fromBody === "string" ? fromBody : null;
}

/** The audit log row for an action at `at`. */
export function auditRow(action: AdminAction, at: number): Omit<AuditRow, "id"> {
  const details = {
    path: action.path,
    ...(action.query ? { query: redactSecrets(Object.fromEntries(new URLSearchParams(action.query))) } : {}),
    ...(action.body === undefined ? {} : { body: redactSecrets(action.body) }),
  };
  return {
    at,
    admin_id: action.adminId,
    action: `${action.method.toUpperCase()} ${action.pathPattern}`,
    target_id: auditTarget(action),
    details: JSON.stringify(details),
  };
}

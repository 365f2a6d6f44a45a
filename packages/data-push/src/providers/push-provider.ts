import type { PushKind, PushProvider, PushTarget } from "@venus/model";

/** What every push carries (docs/push.md): the kind and a count; a name only where the operator allows. */
export interface PushPayload {
  kind: PushKind;
  count: number;
  name?: string;
}

/**
 * How one attempt ended: `sent`; `retry` (5xx, 429, timeout, network; `afterMs` from Retry-After);
 * `dead` (the provider says the token or subscription is gone: remove the target); `rejected`
 * (a permanent refusal of this push, e.g. 400: drop it, keep the target).
 */
export type PushResult =
  | { outcome: "sent" }
  | { outcome: "retry"; reason: string; afterMs?: number }
  | { outcome: "dead"; reason: string }
  | { outcome: "rejected"; reason: string };

/** One provider's protocol client. */
export interface PushProviderClient {
  readonly name: PushProvider;
  send(target: PushTarget, payload: PushPayload, ttlSeconds: number): Promise<PushResult>;
  close(): void | Promise<void>;
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The usual reading of an HTTP status from a push service. */
export function resultOfStatus(status: number, reason: string, afterMs?: number): PushResult {
  if (status >= 200 && status < 300) return { outcome: "sent" };
  if (status === 404 || status === 410) return { outcome: "dead", reason };
  if (status === 429 || status >= 500)
    return afterMs === undefined ? { outcome: "retry", reason } : { outcome: "retry", reason, afterMs };
  return { outcome: "rejected", reason };
}

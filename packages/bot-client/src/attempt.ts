import type { ErrorCode } from "@venus/model";
import { VenusApiError } from "./venus-api-error.js";

/** A call's outcome without throwing: its value, or the server's refusal. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: VenusApiError };

/**
 * Runs any client call (HTTP or WebSocket request) and turns a VenusApiError into `{ok: false}`, so a
 * test or bot can inspect a refusal without try/catch. Other failures (network, closed socket) still
 * throw: they are not answers.
 */
export async function attempt<T>(call: Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof VenusApiError) return { ok: false, error };
    throw error;
  }
}

/**
 * The VenusApiError a call fails with; throws when it succeeds instead (or fails with another code
 * than `code`, when one is given). For tests: `expect((await refusal(call)).status).toBe(409)`.
 */
export async function refusal(call: Promise<unknown>, code?: ErrorCode): Promise<VenusApiError> {
  const result = await attempt(call);
  if (result.ok)
    throw new Error(`expected a refusal${code ? ` (${code})` : ""}, got ${JSON.stringify(result.value)}`);
  if (code !== undefined && result.error.code !== code)
    throw new Error(
      `expected ${code}, got ${result.error.status} ${result.error.code}: ${result.error.message}`,
    );
  return result.error;
}

import type { ErrorCode } from "@venus/model";

/**
 * A Venus call that the server answered with a non-2xx status: over HTTP, or as a WebSocket `response`
 * frame (the same status and body HTTP would give). `code` is the stable machine code of
 * `{"error":{"code","message","details"}}`, `message` the server's human text and `details` what the
 * code's schema in @venus/model's ERROR_DETAILS says.
 */
export class VenusApiError extends Error {
  override readonly name = "VenusApiError";

  constructor(
    readonly status: number,
    /** An ErrorCode of @venus/model; `unexpected_response` when the body was not a Venus error. */
    readonly code: string,
    message: string,
    /** Seconds to wait: `Retry-After`, or the details' `retry_after_seconds` (response frames have no headers). */
    readonly retryAfterSeconds?: number,
    /** What was called, e.g. `POST /chat/like` or `ws chat.send`. */
    readonly call?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  /** Whether this is the error with `code` (typed, so a misspelt code does not compile). */
  is(code: ErrorCode): boolean {
    return this.code === code;
  }

  /** Builds the error from a failed answer's status, parsed body and `Retry-After` header. */
  static fromAnswer(status: number, body: unknown, retryAfter?: string | null, call?: string): VenusApiError {
    const error = errorPart(body);
    const fromDetails = error?.details?.["retry_after_seconds"];
    const seconds =
      retryAfterSeconds(retryAfter) ?? (typeof fromDetails === "number" ? fromDetails : undefined);
    return new VenusApiError(
      status,
      error?.code ?? "unexpected_response",
      error?.message ?? `status ${status}: ${preview(body)}`,
      seconds,
      call,
      error?.details,
    );
  }
}

/** Whether `error` is a VenusApiError, optionally with this code. */
export function isVenusApiError(error: unknown, code?: ErrorCode): error is VenusApiError {
  return error instanceof VenusApiError && (code === undefined || error.code === code);
}

function errorPart(
  body: unknown,
): { code: string; message: string; details?: Record<string, unknown> } | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const { error } = body;
  if (typeof error !== "object" || error === null) return undefined;
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  const message = "message" in error && typeof error.message === "string" ? error.message : "";
  const details =
    "details" in error && typeof error.details === "object" && error.details !== null
      ? (error.details as Record<string, unknown>)
      : undefined;
  return code === undefined ? undefined : { code, message, ...(details ? { details } : {}) };
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterSeconds(header: string | null | undefined): number | undefined {
  if (header === null || header === undefined || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function preview(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return text === undefined ? "(no body)" : text.slice(0, 200);
}

import type { ErrorCode } from "@venus/model";

/** A failed API call: the server's stable code and message, or `network_error` when none answered. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network_error",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: ErrorCode; message?: string; details?: unknown };
}

/** The ApiError for a non-2xx answer, from the error body every route sends. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const code = body.error?.code ?? "internal_error";
  return new ApiError(response.status, code, body.error?.message ?? response.statusText, body.error?.details);
}

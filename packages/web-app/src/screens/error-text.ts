import { ApiError } from "@venus/web-shared";

/** A failure as the person reads it: the message file's `error.<code>`, else the server's message. */
export function errorText(
  t: (key: string, params?: Record<string, string | number>) => string,
  error: unknown,
): string {
  if (error instanceof ApiError) {
    const key = `error.${error.code}`;
    const text = t(key);
    return text === key ? error.message : text;
  }
  return error instanceof Error ? error.message : String(error);
}

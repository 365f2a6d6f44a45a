import { HttpApi, type HttpVerb } from "@venus/bot-client";

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * One request against a running server, through bot-client's HTTP layer (the one client of the API):
 * `body` is sent as JSON, a raw string as it is (malformed JSON), a Buffer as raw bytes (uploads).
 * The answer comes whatever its status: JSON replies are parsed; others are kept as text, or as
 * bytes with `binary`.
 */
export async function request<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
    binary?: boolean;
  } = {},
): Promise<HttpResult<T>> {
  const { body } = options;
  const payload =
    body === undefined
      ? {}
      : Buffer.isBuffer(body)
        ? { raw: body, contentType: options.headers?.["content-type"] ?? "application/octet-stream" }
        : typeof body === "string"
          ? { raw: Buffer.from(body), contentType: "application/json" }
          : { json: body };
  const answer = await new HttpApi(baseUrl, { accessToken: options.token }).exchange({
    method: method as HttpVerb,
    path,
    ...payload,
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const ok = answer.status >= 200 && answer.status < 300;
  if (options.binary && ok)
    return { status: answer.status, body: answer.bytes as T, headers: answer.headers };
  const text = answer.bytes.toString();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (metrics): keep the text.
  }
  return { status: answer.status, body: parsed as T, headers: answer.headers };
}

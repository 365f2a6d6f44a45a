export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * One request against a running server: `body` is sent as JSON, a raw string as it is (malformed
 * JSON), a Buffer as raw bytes (uploads). JSON replies are parsed; others are kept as text, or as
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
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (Buffer.isBuffer(options.body)) {
    headers["content-type"] ??= "application/octet-stream";
    body = options.body;
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(baseUrl + path, { method, headers, body });
  if (options.binary && response.ok) {
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, body: bytes as T, headers: response.headers };
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (metrics): keep the text.
  }
  return {
    status: response.status,
    body: parsed as T,
    headers: response.headers,
  };
}

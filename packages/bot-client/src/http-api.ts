import { VenusApiError } from "./venus-api-error.js";

export type HttpVerb = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";

export type QueryValue = string | number | boolean | undefined;

/** One HTTP call. */
export interface HttpCall {
  method: HttpVerb;
  /** The path, e.g. `/chat/like`; put ids through `encodeURIComponent` (see `routePath`). */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is (uploads); `contentType` defaults to application/octet-stream. */
  raw?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
  /** Send the bearer token (default true; public routes ignore it). */
  auth?: boolean;
}

/** An answer of any status, its body unread as bytes. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** A binary answer: 200 with the bytes, or 304 (empty) for a matching `If-None-Match`. */
export interface BinaryAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface HttpApiOptions {
  /** The bearer token: a fixed one, or a function read on every call (a client's current token). */
  accessToken?: string | (() => string | undefined);
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  /** Abort a call after this many ms. Default 30 000. */
  timeoutMs?: number;
}

/** A route path with every interpolated parameter URL-encoded: routePath`/profile/${accountId}`. */
export function routePath(strings: TemplateStringsArray, ...params: (string | number)[]): string {
  return strings.reduce(
    (out, part, i) => out + part + (i < params.length ? encodeURIComponent(String(params[i])) : ""),
    "",
  );
}

/**
 * The Venus HTTP API over fetch: JSON bodies, raw upload bodies, binary downloads, the bearer token.
 * `json()` and the verb helpers resolve with the parsed 2xx body (trusted to match its @venus/model
 * schema: the server validates what it sends from the same schemas) and reject with VenusApiError for
 * any other status; `exchange()` never rejects for a status, for tests that look at the raw answer.
 */
export class HttpApi {
  readonly baseUrl: string;
  private readonly token: () => string | undefined;

  constructor(
    baseUrl: string,
    private readonly options: HttpApiOptions = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    const { accessToken } = options;
    this.token = typeof accessToken === "function" ? accessToken : () => accessToken;
  }

  /** The same API with another token (or none). */
  withToken(accessToken: string | (() => string | undefined) | undefined): HttpApi {
    return new HttpApi(this.baseUrl, { ...this.options, accessToken });
  }

  get accessToken(): string | undefined {
    return this.token();
  }

  /** Performs the call; resolves with the answer whatever its status (rejects only when there is none). */
  async exchange(call: HttpCall): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...this.options.headers, ...call.headers };
    const token = call.auth === false ? undefined : this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | Uint8Array | undefined;
    if (call.raw !== undefined) {
      headers["content-type"] = call.contentType ?? "application/octet-stream";
      body = call.raw;
    } else if (call.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(call.json);
    }
    const response = await fetch(this.url(call), {
      method: call.method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** The parsed JSON body of a 2xx answer; VenusApiError otherwise. */
  async json<T>(call: HttpCall): Promise<T> {
    const answer = await this.exchange(call);
    const body = parseBody(answer);
    if (answer.status < 200 || answer.status >= 300) throw this.failure(call, answer, body);
    return body as T;
  }

  /** The text body of a 2xx answer (`/metrics`); VenusApiError otherwise. */
  async text(call: HttpCall): Promise<string> {
    const answer = await this.exchange(call);
    if (answer.status < 200 || answer.status >= 300) throw this.failure(call, answer, parseBody(answer));
    return answer.bytes.toString("utf8");
  }

  /** The bytes of a 2xx or 304 answer; VenusApiError otherwise. */
  async binary(call: HttpCall): Promise<BinaryAnswer> {
    const answer = await this.exchange(call);
    if ((answer.status < 200 || answer.status >= 300) && answer.status !== 304)
      throw this.failure(call, answer, parseBody(answer));
    return { status: answer.status, headers: answer.headers, body: answer.bytes };
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.json<T>({ method: "GET", path, ...(query ? { query } : {}) });
  }

  post<T>(path: string, json?: unknown): Promise<T> {
    return this.json<T>({ method: "POST", path, json });
  }

  put<T>(path: string, json?: unknown): Promise<T> {
    return this.json<T>({ method: "PUT", path, json });
  }

  delete<T>(path: string): Promise<T> {
    return this.json<T>({ method: "DELETE", path });
  }

  private url(call: HttpCall): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {}))
      if (value !== undefined) query.set(name, String(value));
    const search = query.toString();
    return `${this.baseUrl}${call.path}${search ? `?${search}` : ""}`;
  }

  private failure(call: HttpCall, answer: HttpAnswer, body: unknown): VenusApiError {
    return VenusApiError.fromAnswer(
      answer.status,
      body,
      answer.headers.get("retry-after"),
      `${call.method} ${call.path}`,
    );
  }
}

/** JSON when it parses, else the text (error pages, metrics). */
function parseBody(answer: HttpAnswer): unknown {
  const text = answer.bytes.toString("utf8");
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

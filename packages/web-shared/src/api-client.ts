import { ApiError, errorFromResponse } from "./api-error.js";

type Method = "GET" | "POST" | "PUT" | "DELETE";

/**
 * HTTP calls to the Venus API of this page's origin. Reply types are the `model` types of each route
 * (`api.get<AdminAccountView>(…)`); `token` gives the current access token (rotated on every WebSocket
 * connection), and `ready` waits until the WebSocket the token needs is connected.
 */
export class ApiClient {
  constructor(
    private readonly token: () => string | undefined,
    private readonly ready: () => Promise<void> = () => Promise.resolve(),
    private readonly base = "",
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>("GET", path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>("POST", path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.call<T>("PUT", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.call<T>("DELETE", path);
  }

  /** A binary resource (an image) as a blob, with the same authorization. */
  async blob(path: string): Promise<Blob> {
    return (await this.send("GET", path)).blob();
  }

  /** A call that needs no sign-in (login, refresh): no token, no WebSocket. */
  async anonymous<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await this.fetch(method, path, body, undefined);
    return (await response.json()) as T;
  }

  private async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  private async send(method: Method, path: string, body?: unknown): Promise<Response> {
    await this.ready();
    return this.fetch(method, path, body, this.token());
  }

  private async fetch(method: Method, path: string, body: unknown, token: string | undefined) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiError(0, "network_error", `the server did not answer: ${String(error)}`);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }
}

import { startSmtpSink, type SmtpSink } from "@venus/simple-backend/testing";
import { expect } from "vitest";
import { GENEROUS_RATE_LIMITS } from "./config.js";
import { smtpTo } from "./email-flow.js";
import { request, type HttpResult } from "./http-client.js";
import { startServer, type RunningServer } from "./spawn-server.js";

/**
 * A server behind a (pretend) proxy on loopback, so each login chooses its client address, with the
 * given `rate_limits.login_backoff` and mail to a test SMTP sink.
 */
export async function startBackoffServer(
  backoff: Record<string, number>,
): Promise<{ server: RunningServer; sink: SmtpSink; stop(): Promise<void> }> {
  const sink = await startSmtpSink();
  const server = await startServer({
    config: {
      http: { trusted_proxies: ["127.0.0.1"] },
      rate_limits: { ...GENEROUS_RATE_LIMITS, login_backoff: backoff },
      email: smtpTo(sink.port),
    },
  });
  return {
    server,
    sink,
    stop: async () => {
      await server.stop();
      server.cleanup();
      await sink.close();
    },
  };
}

let nextAddress = 1;
export const freshAddress = () => `198.51.100.${nextAddress++}`;

export type LoginAnswer = HttpResult<{ account_id: string; refresh_token: string }>;

/** `POST /account/login` from `address`, with the device's refresh token when given. */
export const loginFrom = (
  server: { url: string },
  email: string,
  password: string,
  address = freshAddress(),
  refreshToken?: string,
): Promise<LoginAnswer> =>
  request(server.url, "POST", "/account/login", {
    body: { email, password, ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }) },
    headers: { "x-forwarded-for": address },
  });

/** A 429 rate_limited whose Retry-After is within `seconds`. */
export function expectWait(result: HttpResult<unknown>, min: number, max = min): void {
  expect(result.status, JSON.stringify(result.body)).toBe(429);
  expect(result.body).toMatchObject({ error: { code: "rate_limited" } });
  const retryAfter = Number(result.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(min);
  expect(retryAfter).toBeLessThanOrEqual(max);
}

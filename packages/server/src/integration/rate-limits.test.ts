import { expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { request } from "../testing/http-client.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";
import { useServer } from "../testing/server-fixture.js";

const fixture = useServer({
  config: {
    // Behind a (pretend) reverse proxy, so each test chooses its client address.
    http: { trusted_proxies: ["127.0.0.1", "::1"] },
    rate_limits: {
      login_per_ip: { limit: 3, window_seconds: 60 },
      register_per_ip: { limit: 3, window_seconds: 60 },
      register_per_email: { limit: 2, window_seconds: 60 },
    },
  },
});

let nextIp = 1;
const freshIp = () => `203.0.113.${nextIp++}`;
const call = (path: string, email: string, ip: string) =>
  request(fixture.server.url, "POST", path, {
    body: { email, password: PASSWORD },
    headers: { "x-forwarded-for": ip },
  });

function expectRateLimited(result: Awaited<ReturnType<typeof call>>): void {
  expectError(result, 429, "rate_limited");
  const retryAfter = Number(result.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(result.body).toMatchObject({ error: { details: { retry_after_seconds: retryAfter } } });
}

test("login per address: the limit passes, one more is rate_limited", async () => {
  const ip = freshIp();
  for (let i = 0; i < 3; i++)
    expectError(await call("/account/login", uniqueEmail(), ip), 401, "invalid_credentials");
  expectRateLimited(await call("/account/login", uniqueEmail(), ip));
  expectError(await call("/account/login", uniqueEmail(), freshIp()), 401, "invalid_credentials");
});

test("registration per address", async () => {
  const ip = freshIp();
  for (let i = 0; i < 3; i++) expect((await call("/account/register", uniqueEmail(), ip)).status).toBe(201);
  expectRateLimited(await call("/account/register", uniqueEmail(), ip));
});

test("registration per email, across addresses", async () => {
  const email = uniqueEmail();
  expect((await call("/account/register", email, freshIp())).status).toBe(201);
  expectError(await call("/account/register", email, freshIp()), 409, "email_taken");
  expectRateLimited(await call("/account/register", email, freshIp()));
});

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { postFrom } from "../testing/http-from.js";
import { startNginx, type NginxProxy } from "../testing/nginx-proxy.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";

// The proxy connects from 127.0.0.2; clients come from other loopback addresses, so the server can tell
// the proxy from a client. The default login limit: 30 per address in 5 minutes.
const PROXY = "127.0.0.2";
const LOGIN_PER_IP = 30;
// Failed logins do not back off here (login-backoff.test.ts covers that): only login_per_ip counts.
const fixture = useServer({
  config: {
    http: { trusted_proxies: [PROXY, "fd00::/8"] },
    rate_limits: { login_backoff: GENEROUS_RATE_LIMITS.login_backoff },
  },
});

let nginx: NginxProxy;
beforeAll(async () => {
  nginx = await startNginx(fixture.server.url, PROXY);
});
afterAll(async () => {
  await nginx?.stop();
});

/** 40 logins with unknown emails; each request's forwarding header made by `forwarded(i)`. */
async function fortyLogins(from: string, url: string, forwarded: (i: number) => Record<string, string>) {
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++) {
    const answer = await postFrom(
      from,
      url,
      "/account/login",
      { email: uniqueEmail(), password: PASSWORD },
      forwarded(i),
    );
    statuses.push(answer.status);
  }
  return statuses;
}

const LIMITED = [...Array<number>(LOGIN_PER_IP).fill(401), ...Array<number>(40 - LOGIN_PER_IP).fill(429)];

describe("the client address behind proxies", () => {
  test("through nginx, a client forging X-Forwarded-For still hits the per-address limit", async () => {
    const statuses = await fortyLogins("127.0.0.11", nginx.url, (i) => ({
      "x-forwarded-for": `198.51.100.${i}`,
    }));
    expect(statuses).toEqual(LIMITED);
  });

  test("through nginx, clients at other addresses keep their own budget", async () => {
    const answer = await postFrom("127.0.0.12", nginx.url, "/account/login", {
      email: uniqueEmail(),
      password: PASSWORD,
    });
    expect(answer.status).toBe(401);
  });

  test("a peer that is not a trusted proxy cannot choose its address with either header", async () => {
    const statuses = await fortyLogins("127.0.0.13", fixture.server.url, (i) => ({
      "x-forwarded-for": `198.51.100.${i}`,
      forwarded: `for=198.51.100.${i}`,
    }));
    expect(statuses).toEqual(LIMITED);
  });

  test("from a trusted proxy, the rightmost hop is the client and hops left of it are ignored", async () => {
    const statuses = await fortyLogins(PROXY, fixture.server.url, (i) => ({
      "x-forwarded-for": `198.51.100.${i}, 203.0.113.7`,
    }));
    expect(statuses).toEqual(LIMITED);
    // The proxy's word is believed: another client behind it has its own budget.
    const other = await postFrom(
      PROXY,
      fixture.server.url,
      "/account/login",
      { email: uniqueEmail(), password: PASSWORD },
      {
        "x-forwarded-for": "198.51.100.1, 203.0.113.8",
      },
    );
    expect(other.status).toBe(401);
  });
});

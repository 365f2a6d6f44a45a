import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { request } from "../testing/http-client.js";
import { login, register, connect } from "../testing/sign-in.js";
import { newDataDir, startServer, type RunningServer } from "../testing/spawn-server.js";
import { advanceClock, DAY_S, TESTING_ENV } from "../testing/test-clock.js";

const CLOCK = "2026-01-05T08:00:00Z";

/** Starting with `config` and `env` fails with exit code 2 and a message containing `reason`. */
async function refusedToStart(config: Record<string, unknown>, env: Record<string, string>, reason: string) {
  const dataDir = newDataDir();
  try {
    const failure = await startServer({ config, env, dataDir }).then(
      () => new Error("the server started"),
      (error: unknown) => error as Error,
    );
    expect(failure.message).toMatch(/server exited \(2\)/);
    expect(failure.message).toContain(reason);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `POST /testing/clock` on the server's admin listener, with `token` (default: the right one). */
function clockRoute(server: RunningServer, body: unknown, token?: string) {
  const file = JSON.parse(readFileSync(join(server.dataDir, "data", "admin.token"), "utf8")) as {
    port: number;
    token: string;
  };
  return request(`http://127.0.0.1:${file.port}`, "POST", "/testing/clock", {
    body,
    token: token ?? file.token,
  });
}

describe("the test clock's guards", () => {
  test("refused without TEST_VENUS_TESTING_ALLOWED=1, and on a host other than loopback", async () => {
    await refusedToStart(
      { testing: { clock: CLOCK } },
      { TEST_VENUS_TESTING_ALLOWED: "" },
      "TEST_VENUS_TESTING_ALLOWED=1",
    );
    await refusedToStart(
      { testing: { clock: CLOCK }, http: { host: "0.0.0.0" } },
      TESTING_ENV,
      "needs http.host on loopback",
    );
    await refusedToStart({ testing: { clock: "next monday" } }, TESTING_ENV, "not an ISO time");
  }, 90_000);

  test("without [testing] clock the route does not exist", async () => {
    const server = await startServer({ env: TESTING_ENV });
    try {
      expect((await clockRoute(server, { advance_seconds: 60 })).status).toBe(404);
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});

describe("the test clock", () => {
  test("starts at the configured time, moves only forward, only with the admin token; the server's time follows it", async () => {
    const server = await startServer({ config: { testing: { clock: CLOCK } }, env: TESTING_ENV });
    try {
      const start = await advanceClock(server, 0);
      expect(start).toBeGreaterThanOrEqual(Date.parse(CLOCK));
      expect(start).toBeLessThan(Date.parse(CLOCK) + 60_000);
      expect((await clockRoute(server, { advance_seconds: 60 }, "wrong")).status).toBe(401);
      expect((await clockRoute(server, { advance_seconds: -1 })).body).toMatchObject({
        error: { code: "validation_failed" },
      });
      const later = await advanceClock(server, DAY_S);
      expect(later - start).toBeGreaterThanOrEqual(DAY_S * 1000);
      const email = await register(server);
      const signedIn = await connect(server, await login(server, email));
      expect(signedIn.welcome.server_time).toBeGreaterThanOrEqual(later);
      expect(signedIn.welcome.server_time).toBeLessThan(later + 60_000);
      signedIn.ws.close();
    } finally {
      await server.stop();
      server.cleanup();
    }
  });
});

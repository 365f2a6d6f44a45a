import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { PASSWORD, signUp, uniqueEmail } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const config = { rate_limits: GENEROUS_RATE_LIMITS };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readAccountDb<T>(server: RunningServer, query: string): T[] {
  const db = new Database(join(server.dataDir, "data", "account.sqlite"), {
    readonly: true,
  });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

describe("durability", () => {
  test("every registration answered 201 survives kill -9", async () => {
    const first = await startServer({ config });
    const acknowledged: string[] = [];
    let stop = false;
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const email = uniqueEmail("durable");
        try {
          const result = await request(first.url, "POST", "/account/register", {
            body: { email, password: PASSWORD },
          });
          if (result.status === 201) acknowledged.push(email);
        } catch {
          return; // The server died mid-request: that registration was never acknowledged.
        }
      }
    });
    while (acknowledged.length < 40) await sleep(5);
    first.process.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    stop = true;
    await Promise.all(clients);

    const second = await startServer({ config, dataDir: first.dataDir });
    try {
      const logins = await Promise.all(
        acknowledged.map((email) =>
          request(second.url, "POST", "/account/login", {
            body: { email, password: PASSWORD },
          }),
        ),
      );
      expect(logins.map((l) => l.status)).toEqual(acknowledged.map(() => 200));
    } finally {
      await second.stop();
      second.cleanup();
    }
  }, 60_000);

  test("SIGTERM finishes in-flight requests, flushes last-seen, and exits 0", async () => {
    const server = await startServer({ config });
    const user = await signUp(server);
    const emails = Array.from({ length: 12 }, () => uniqueEmail("inflight"));
    const inFlight = emails.map((email) =>
      request(server.url, "POST", "/account/register", {
        body: { email, password: PASSWORD },
      }),
    );
    // Once the first answer is out, the rest are being processed (argon2 keeps them busy for a while).
    await Promise.race(inFlight);
    server.process.kill("SIGTERM");
    expect(await user.ws.next()).toEqual({
      type: "disconnect",
      reason: "shutting_down",
    });
    expect((await user.ws.closed).code).toBe(1001);
    const results = await Promise.allSettled(inFlight);
    expect(await server.exited).toBe(0);
    const answered = results.filter((r) => r.status === "fulfilled").map((r) => r.value.status);
    expect(answered.length).toBeGreaterThan(1);
    expect(answered.every((status) => status === 201)).toBe(true);

    const rows = readAccountDb<{ last_seen_at: number | null }>(server, "SELECT last_seen_at FROM account");
    expect(rows.length).toBe(1 + answered.length);
    const seen = readAccountDb<{ last_seen_at: number }>(
      server,
      `SELECT last_seen_at FROM account WHERE id = '${user.accountId}'`,
    );
    expect(seen[0]?.last_seen_at).toBeGreaterThan(Date.now() - 60_000);
    server.cleanup();
  }, 60_000);

  test("write-behind state is flushed every flush interval, so kill -9 loses at most one interval", async () => {
    const server = await startServer({
      config: { ...config, writer: { flush_interval_seconds: 0.2 } },
    });
    const user = await signUp(server);
    user.ws.close();
    await user.ws.closed;
    await sleep(800);
    server.process.kill("SIGKILL");
    await server.exited;
    const seen = readAccountDb<{ last_seen_at: number | null }>(
      server,
      `SELECT last_seen_at FROM account WHERE id = '${user.accountId}'`,
    );
    expect(seen[0]?.last_seen_at).toBeGreaterThan(Date.now() - 60_000);
    server.cleanup();
  }, 30_000);
});

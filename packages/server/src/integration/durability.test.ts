import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { MEDIA_VERSION_AFTER_SETUP, setUpMedia } from "../testing/media-flow.js";
import { connect, login, PASSWORD, signUp, uniqueEmail, type SignedIn } from "../testing/sign-in.js";
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

  test("acknowledged profile changes survive kill -9, and the location index is rebuilt from them", async () => {
    const first = await startServer({ config });
    const as = (user: SignedIn, method: string, path: string, body?: unknown) =>
      request(first.url, method, path, { token: user.accessToken, ...(body === undefined ? {} : { body }) });
    const people = [
      { gender: "woman", wants: ["man"], at: { latitude: 60.1699, longitude: 24.9384 } },
      { gender: "man", wants: ["woman"], at: { latitude: 61.4978, longitude: 23.761 } },
    ];
    const users: (SignedIn & { email: string })[] = [];
    for (const person of people) {
      const user = await signUp(first);
      const setup = {
        name: "Kim",
        birthdate: "1990-01-01",
        gender: person.gender,
        looking_for: person.wants,
      };
      expect((await as(user, "POST", "/account/setup", setup)).status).toBe(200);
      await setUpMedia(first, user);
      expect((await as(user, "POST", "/account/complete_setup")).status).toBe(200);
      expect((await as(user, "PUT", "/profile/location", person.at)).status).toBe(200);
      expect((await as(user, "PUT", "/profile/visibility", { visibility: "public" })).status).toBe(200);
      users.push(user);
    }
    const [viewer, other] = users as [SignedIn & { email: string }, SignedIn & { email: string }];
    const edit = {
      name: "Kim",
      text: "Hello there",
      age: 36,
      gender: "man",
      wanted_genders: ["woman"],
      wanted_age: { min: 30, max: 40 },
      unlimited_likes: true,
    };
    const edited = await as(other, "PUT", "/profile", edit);
    expect(edited.status).toBe(200);
    first.process.kill("SIGKILL");
    await first.exited;

    const second = await startServer({ config, dataDir: first.dataDir });
    try {
      const reader = await connect(second, await login(second, viewer.email), {
        sync: { account_state: 2, profile: 3, media_content: MEDIA_VERSION_AFTER_SETUP },
      });
      const call = (method: string, path: string, body?: unknown) =>
        request(second.url, method, path, {
          token: reader.accessToken,
          ...(body === undefined ? {} : { body }),
        });
      const reset = await call("POST", "/profile/page/reset", {});
      const page = await call("POST", "/profile/page/next", { session_id: reset.body.session_id });
      expect(page.body).toMatchObject({ profiles: [{ account_id: other.accountId, distance_km: 161 }] });
      const seen = await call("GET", `/profile/${other.accountId}`);
      expect(seen.body).toMatchObject({
        unchanged: false,
        profile: {
          version: (edited.body as { version: number }).version,
          age: 36,
          unlimited_likes: true,
          text: null,
        },
      });
      reader.ws.close();
    } finally {
      await second.stop();
      second.cleanup();
    }
  }, 60_000);
});

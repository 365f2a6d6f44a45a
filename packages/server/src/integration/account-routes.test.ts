import { describe, expect, test } from "vitest";
import { completeSetup, expectError, getState } from "../testing/account-flow.js";
import { request } from "../testing/http-client.js";
import { connect, PASSWORD, signUp, uniqueEmail } from "../testing/sign-in.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";

const ADMIN_EMAIL = "boss@example.com";

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    http: { max_body_bytes: 4096 },
    rate_limits: GENEROUS_RATE_LIMITS,
  },
});

const post = (path: string, body?: unknown, token?: string) =>
  request(fixture.server.url, "POST", path, { body, ...(token ? { token } : {}) });

describe("POST /account/register", () => {
  test("creates an account and answers 201 with its id", async () => {
    const result = await post("/account/register", {
      email: uniqueEmail(),
      password: PASSWORD,
    });
    expect(result.status).toBe(201);
    expect(result.body.account_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("normalizes the email, so a different case is taken", async () => {
    const email = uniqueEmail("Case");
    expect(
      (
        await post("/account/register", {
          email: `  ${email.toUpperCase()}`.trim(),
          password: PASSWORD,
        })
      ).status,
    ).toBe(201);
    expectError(
      await post("/account/register", {
        email: email.toLowerCase(),
        password: PASSWORD,
      }),
      409,
      "email_taken",
    );
  });

  test("rejects bad input with validation_failed", async () => {
    expectError(
      await post("/account/register", {
        email: "not-an-email",
        password: PASSWORD,
      }),
      400,
      "validation_failed",
    );
    const missing = await post("/account/register", { email: uniqueEmail() });
    expectError(missing, 400, "validation_failed");
    expect(missing.body).toMatchObject({
      error: { details: { issues: [{ path: "password", message: "is required" }] } },
    });
    expectError(
      await post("/account/register", {
        email: uniqueEmail(),
        password: 12345678,
      }),
      400,
      "validation_failed",
    );
    expectError(
      await post("/account/register", {
        email: uniqueEmail(),
        password: PASSWORD,
        extra: 1,
      }),
      400,
      "validation_failed",
    );
    expectError(await post("/account/register", [1, 2]), 400, "validation_failed");
  });

  test("enforces the password length at its edges", async () => {
    expectError(
      await post("/account/register", {
        email: uniqueEmail(),
        password: "1234567",
      }),
      400,
      "validation_failed",
    );
    expect(
      (
        await post("/account/register", {
          email: uniqueEmail(),
          password: "12345678",
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post("/account/register", {
          email: uniqueEmail(),
          password: "é".repeat(512),
        })
      ).status,
    ).toBe(201);
    expectError(
      await post("/account/register", {
        email: uniqueEmail(),
        password: "é".repeat(512) + "x",
      }),
      400,
      "validation_failed",
    );
  });

  test("malformed JSON is invalid_json", async () => {
    expectError(await post("/account/register", '{"email": "a@b.c", '), 400, "invalid_json");
  });

  test("an oversized body is payload_too_large", async () => {
    const body = { email: uniqueEmail(), password: "x".repeat(5000) };
    const refused = await post("/account/register", body);
    expectError(refused, 413, "payload_too_large");
    expect(refused.body).toMatchObject({ error: { details: { limit_bytes: expect.any(Number) } } });
  });
});

describe("POST /account/login", () => {
  test("returns the account id and a token pair", async () => {
    const email = uniqueEmail();
    const { body } = await post("/account/register", {
      email,
      password: PASSWORD,
    });
    const login = await post("/account/login", {
      email: email.toUpperCase(),
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.account_id).toBe(body.account_id);
    expect(String(login.body.access_token).length).toBeGreaterThanOrEqual(22);
    expect(login.body.refresh_token).not.toBe(login.body.access_token);
  });

  test("wrong password and unknown email give the same answer", async () => {
    const email = uniqueEmail();
    await post("/account/register", { email, password: PASSWORD });
    const wrong = await post("/account/login", {
      email,
      password: "wrong password",
    });
    const unknown = await post("/account/login", {
      email: uniqueEmail(),
      password: PASSWORD,
    });
    expectError(wrong, 401, "invalid_credentials");
    expectError(unknown, 401, "invalid_credentials");
    expect(unknown.body).toEqual(wrong.body);
  });
});

describe("access tokens need a live WebSocket", () => {
  test("a fresh login token is websocket_required until /ws is connected", async () => {
    const email = uniqueEmail();
    await post("/account/register", { email, password: PASSWORD });
    const login = await post("/account/login", { email, password: PASSWORD });
    const token = login.body.access_token as string;
    expectError(
      await request(fixture.server.url, "GET", "/account/state", { token }),
      401,
      "websocket_required",
    );
    const user = await connect(fixture.server, login.body as never);
    expect((await getState(fixture.server, user.accessToken)).status).toBe(200);
    user.ws.close();
    await user.ws.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expectError(await getState(fixture.server, user.accessToken), 401, "websocket_required");
  });

  test("missing or unknown bearer tokens are invalid_token", async () => {
    expectError(await request(fixture.server.url, "GET", "/account/state"), 401, "invalid_token");
    expectError(
      await request(fixture.server.url, "GET", "/account/state", { token: "nope" }),
      401,
      "invalid_token",
    );
  });
});

describe("GET /account/state", () => {
  test("a new account is in initial_setup without permissions", async () => {
    const user = await signUp(fixture.server);
    const state = await getState(fixture.server, user.accessToken);
    expect(state.status).toBe(200);
    expect(state.body).toEqual({
      state: "initial_setup",
      permissions: [],
      sync_version: 1,
    });
    user.ws.close();
  });
});

describe("POST /account/refresh", () => {
  test("gives a new pair; the old refresh token stops working and its reuse ends the session", async () => {
    const user = await signUp(fixture.server);
    const first = await post("/account/refresh", {
      refresh_token: user.refreshToken,
    });
    expect(first.status).toBe(200);
    expect(first.body.account_id).toBe(user.accountId);
    expect(first.body.refresh_token).not.toBe(user.refreshToken);
    // The socket opened with the old access token is closed: the client reconnects with the new one.
    expect(await user.ws.next()).toEqual({
      type: "disconnect",
      reason: "tokens_refreshed",
    });
    const reconnected = await connect(fixture.server, first.body as never, {
      sync: { account_state: 1 },
    });
    expect((await getState(fixture.server, reconnected.accessToken)).status).toBe(200);

    expectError(
      await post("/account/refresh", { refresh_token: user.refreshToken }),
      401,
      "refresh_token_reused",
    );
    expect(await reconnected.ws.next()).toEqual({
      type: "disconnect",
      reason: "session_ended",
    });
    expectError(
      await post("/account/refresh", {
        refresh_token: first.body.refresh_token,
      }),
      401,
      "invalid_token",
    );
    expectError(await getState(fixture.server, reconnected.accessToken), 401, "invalid_token");
  });

  test("an unknown refresh token is invalid_token", async () => {
    expectError(await post("/account/refresh", { refresh_token: "unknown" }), 401, "invalid_token");
  });
});

describe("POST /account/logout", () => {
  test("ends the session: the socket closes and the tokens stop working", async () => {
    const user = await signUp(fixture.server);
    expect((await post("/account/logout", undefined, user.accessToken)).status).toBe(200);
    expect(await user.ws.next()).toEqual({
      type: "disconnect",
      reason: "logged_out",
    });
    expect((await user.ws.closed).code).toBe(4004);
    expectError(await getState(fixture.server, user.accessToken), 401, "invalid_token");
    expectError(await post("/account/refresh", { refresh_token: user.refreshToken }), 401, "invalid_token");
  });
});

describe("setup and complete_setup", () => {
  test("complete_setup needs a complete setup", async () => {
    const user = await signUp(fixture.server);
    expectError(await post("/account/complete_setup", undefined, user.accessToken), 409, "setup_incomplete");
    user.ws.close();
  });

  test("setup validates name, birthdate and genders", async () => {
    const user = await signUp(fixture.server);
    const setup = (body: unknown) => post("/account/setup", body, user.accessToken);
    const valid = {
      name: "Alex",
      birthdate: "1990-01-01",
      gender: "man",
      looking_for: ["woman"],
    };
    expectError(await setup({ ...valid, name: "   " }), 400, "validation_failed");
    expect((await setup({ ...valid, name: "Ä".repeat(50) })).status).toBe(200);
    expectError(await setup({ ...valid, name: "Ä".repeat(50) + "x" }), 400, "validation_failed");
    expectError(await setup({ ...valid, birthdate: "1990-02-30" }), 400, "validation_failed");
    expectError(await setup({ ...valid, birthdate: "2999-01-01" }), 400, "validation_failed");
    expectError(await setup({ ...valid, gender: "robot" }), 400, "validation_failed");
    expectError(await setup({ ...valid, looking_for: [] }), 400, "validation_failed");
    expectError(await setup({ ...valid, looking_for: ["man", "man"] }), 400, "validation_failed");
    user.ws.close();
  });

  test("under the minimum age is too_young; exactly the minimum age passes", async () => {
    const today = new Date();
    const iso = (years: number, dayShift: number) => {
      const d = new Date(
        Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() + dayShift),
      );
      return d.toISOString().slice(0, 10);
    };
    const young = await signUp(fixture.server);
    await post(
      "/account/setup",
      {
        name: "Young",
        birthdate: iso(18, 1),
        gender: "man",
        looking_for: ["woman"],
      },
      young.accessToken,
    );
    expectError(await post("/account/complete_setup", undefined, young.accessToken), 422, "too_young");
    const adult = await signUp(fixture.server);
    expect(await completeSetup(fixture.server, adult, iso(18, 0))).toMatchObject({
      state: "normal",
    });
    young.ws.close();
    adult.ws.close();
  });

  test("completing setup creates the profile, makes the account normal, and pushes both changes", async () => {
    const user = await signUp(fixture.server);
    const state = await completeSetup(fixture.server, user);
    expect(state).toEqual({
      state: "normal",
      permissions: [],
      sync_version: 2,
    });
    expect(await user.ws.next()).toEqual({ type: "event", event: "profile_changed", data: { version: 1 } });
    expect(await user.ws.next()).toEqual({
      type: "event",
      event: "account_state_changed",
      data: { state: "normal", permissions: [], sync_version: 2 },
    });
    expectError(
      await post(
        "/account/setup",
        {
          name: "Alex",
          birthdate: "1990-01-01",
          gender: "man",
          looking_for: ["woman"],
        },
        user.accessToken,
      ),
      409,
      "invalid_state",
    );
    expectError(await post("/account/complete_setup", undefined, user.accessToken), 409, "invalid_state");
    user.ws.close();
  });
});

describe("admin bootstrap and runtime flags", () => {
  test("only the first account with admin.grant_email gets every permission; flags need edit_config", async () => {
    const normal = await signUp(fixture.server);
    await completeSetup(fixture.server, normal);
    expectError(
      await request(fixture.server.url, "GET", "/admin/flags", {
        token: normal.accessToken,
      }),
      403,
      "forbidden",
    );

    const admin = await signUp(fixture.server, { email: ADMIN_EMAIL });
    const state = await completeSetup(fixture.server, admin);
    expect(state.permissions).toContain("edit_config");
    expect((state.permissions as string[]).length).toBeGreaterThanOrEqual(10);

    const flags = await request(fixture.server.url, "GET", "/admin/flags", {
      token: admin.accessToken,
    });
    expect(flags.body).toMatchObject({ registration_enabled: true });
    const off = await request(fixture.server.url, "PUT", "/admin/flags/registration_enabled", {
      token: admin.accessToken,
      body: { value: false },
    });
    expect(off.body).toMatchObject({ registration_enabled: false });
    expectError(
      await post("/account/register", {
        email: uniqueEmail(),
        password: PASSWORD,
      }),
      403,
      "registration_disabled",
    );
    expectError(
      await request(fixture.server.url, "PUT", "/admin/flags/registration_enabled", {
        token: admin.accessToken,
        body: { value: "no" },
      }),
      400,
      "validation_failed",
    );
    expectError(
      await request(fixture.server.url, "PUT", "/admin/flags/no_such_flag", {
        token: admin.accessToken,
        body: { value: true },
      }),
      404,
      "not_found",
    );
    await request(fixture.server.url, "PUT", "/admin/flags/registration_enabled", {
      token: admin.accessToken,
      body: { value: true },
    });
    expect(
      (
        await post("/account/register", {
          email: uniqueEmail(),
          password: PASSWORD,
        })
      ).status,
    ).toBe(201);
    normal.ws.close();
    admin.ws.close();
  });
});

describe("system routes", () => {
  test("unknown routes are not_found", async () => {
    expectError(await request(fixture.server.url, "GET", "/no/such/route"), 404, "not_found");
    expectError(await request(fixture.server.url, "GET", "/account/register"), 404, "not_found");
  });

  test("every reply carries a request id: the client's when valid, else a new one", async () => {
    const given = await request(fixture.server.url, "GET", "/health", {
      headers: { "x-request-id": "trace-42" },
    });
    expect(given.headers.get("x-request-id")).toBe("trace-42");
    const invalid = await request(fixture.server.url, "GET", "/health", {
      headers: { "x-request-id": "bad id!" },
    });
    expect(invalid.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const error = await request(fixture.server.url, "GET", "/nope");
    expect(error.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("/health answers ok", async () => {
    const health = await request(fixture.server.url, "GET", "/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", version: "0.1.0" });
  });

  test("/metrics has request, WebSocket, writer, event-loop and memory metrics", async () => {
    const metrics = await request<string>(fixture.server.url, "GET", "/metrics");
    expect(metrics.status).toBe(200);
    for (const name of [
      'venus_http_requests_total{method="POST",route="/account/register",status="201"}',
      "venus_http_request_duration_seconds_bucket",
      "venus_websocket_connections",
      'venus_writer_batch_size_bucket{le="1",database="account"}',
      "venus_writer_commit_seconds_bucket",
      "venus_nodejs_eventloop_lag_seconds",
      "venus_process_resident_memory_bytes",
    ]) {
      expect(metrics.body).toContain(name);
    }
  });

  test("/openapi.json documents every route with its schemas", async () => {
    const doc = await request<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    }>(fixture.server.url, "GET", "/openapi.json");
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/account/register",
        "/account/login",
        "/account/refresh",
        "/account/logout",
        "/account/state",
        "/account/setup",
        "/account/complete_setup",
        "/admin/flags/{name}",
        "/health",
        "/metrics",
      ]),
    );
    expect(doc.body.paths["/account/register"]?.post?.requestBody).toMatchObject({
      content: { "application/json": { schema: { $ref: "#/components/schemas/RegisterRequest" } } },
    });
    expect(doc.body.components.schemas["RegisterRequest"]).toMatchObject({ required: ["email", "password"] });
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MaintenanceStatus } from "@venus/model";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { as, createProfileUser, expectNoFrames, type ProfileUser } from "../testing/profile-flow.js";
import { connect, login, register, signUp } from "../testing/sign-in.js";
import { startManager, type RunningManager } from "../testing/spawn-manager.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";
import type { Frame } from "../testing/ws-client.js";

// Scheduled maintenance: `venus manager` supervising a real `venus server`, real signed-in WebSocket
// clients, the system commands, and /admin/manager/… forwarded over the server's link. Loopback only.

const ADMIN_EMAIL = "manager-admin@example.com";
/** 6 s of notice: long enough to see it come after scheduling, short enough to wait for. */
const NOTICE_MS = 6000;
const serverConfig = { admin: { grant_email: ADMIN_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS };

const started: RunningManager[] = [];
let manager: RunningManager;
let server: { url: string; wsUrl: string; pid: number };

async function launch(options: Parameters<typeof startManager>[0]): Promise<RunningManager> {
  const running = await startManager(options);
  started.push(running);
  return running;
}

/** Waits for the supervised server (another one than `previousPid`) and its link to the manager. */
async function serverUp(previousPid?: number) {
  const up = await manager.serverUp(previousPid);
  server = { url: `http://127.0.0.1:${up.port}`, wsUrl: `ws://127.0.0.1:${up.port}/ws`, pid: up.pid };
  return manager.until("the server's link to the manager", async () => {
    const { body } = await manager.api<{ link: { connected: boolean; since: string | null } }>(
      "GET",
      "/manager/server",
    );
    return body.link.connected ? body.link : undefined;
  });
}

const isMaintenance = (frame: Frame) => frame.type === "event" && frame.event === "maintenance";
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const maintenance = (target: RunningManager) => target.api<MaintenanceStatus>("GET", "/manager/maintenance");

beforeAll(async () => {
  manager = await launch({
    config: { maintenance: { notice_minutes: NOTICE_MS / 60_000 } },
    server: serverConfig,
  });
  await serverUp();
});

afterAll(() => {
  for (const running of started) {
    running.kill();
    rmSync(running.dir, { recursive: true, force: true });
  }
});

describe("the server's link to its manager", () => {
  test("the manager sees the server connected, since when", async () => {
    const link = await serverUp();
    expect(Date.parse(link.since ?? "")).toBeLessThanOrEqual(Date.now());
  });
});

describe("a scheduled server restart with notify_server", () => {
  test("clients hear of it notice_minutes before; it runs at its time; then nothing is announced", async () => {
    const early = await signUp(server);
    const start = inMs(NOTICE_MS + 4000);
    const noticeAt = Date.parse(start) - NOTICE_MS;
    const scheduled = await manager.api<MaintenanceStatus>("POST", "/manager/maintenance", {
      task: "restart_server",
      notify_server: true,
      at: start,
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect(scheduled.body.scheduled).toMatchObject({ task: "restart_server", start, notify_server: true });
    await expectNoFrames(early.ws);

    const notice = await early.ws.take(isMaintenance, NOTICE_MS + 4000);
    expect(Date.now()).toBeGreaterThanOrEqual(noticeAt);
    expect(Date.now()).toBeLessThan(Date.parse(start));
    expect(notice.data).toEqual({ start, task: "restart_server" });

    const late = await connect(server, await login(server, await register(server)));
    expect(await late.ws.next()).toEqual({ type: "event", event: "maintenance", data: notice.data });

    expect(await early.ws.take((frame) => frame.type === "disconnect", NOTICE_MS + 4000)).toEqual({
      type: "disconnect",
      reason: "shutting_down",
    });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(start));
    const oldPid = server.pid;
    await serverUp(oldPid);
    expect(server.pid).not.toBe(oldPid);
    const { body } = await maintenance(manager);
    expect(body.scheduled).toBeNull();
    expect(body.last_run).toMatchObject({ task: "restart_server", start, ok: true, error: null });

    // signUp checks that `account_state_changed` follows `welcome` directly: no maintenance.
    const after = await signUp(server);
    await expectNoFrames(after.ws);
    after.ws.close();
  });

  test("a cancelled task tells clients it is off, and never runs", async () => {
    const user = await signUp(server);
    const { body: before } = await manager.api<{ requested_restarts: number }>("GET", "/manager/server");
    const start = inMs(NOTICE_MS - 1000);
    const scheduled = await manager.api("POST", "/manager/maintenance", {
      task: "restart_server",
      notify_server: true,
      at: start,
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect((await user.ws.take(isMaintenance)).data).toEqual({ start, task: "restart_server" });
    const cancelled = await manager.api<MaintenanceStatus>("DELETE", "/manager/maintenance");
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.scheduled).toBeNull();
    expect((await user.ws.take(isMaintenance)).data).toEqual({ start: null });

    const newcomer = await signUp(server);
    await expectNoFrames(newcomer.ws);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(start) - Date.now() + 1000));
    const { body: now } = await manager.api<{ pid: number; requested_restarts: number }>(
      "GET",
      "/manager/server",
    );
    expect(now).toMatchObject({ pid: server.pid, requested_restarts: before.requested_restarts });
    await expectNoFrames(user.ws);
    user.ws.close();
    newcomer.ws.close();
  });

  test("one task at a time, in the future, with a valid body", async () => {
    const first = await manager.api("POST", "/manager/maintenance", {
      task: "restart_server",
      notify_server: false,
    });
    expect(first.status).toBe(200);
    const { body } = await maintenance(manager);
    expect(body.scheduled?.start).toBe(body.next_window);
    expect(body.scheduled?.notice_at).toBeNull();
    expectError(
      await manager.api("POST", "/manager/maintenance", { task: "restart_server", notify_server: false }),
      409,
      "maintenance_already_scheduled",
    );
    expect((await manager.api("DELETE", "/manager/maintenance")).status).toBe(200);
    expectError(await manager.api("DELETE", "/manager/maintenance"), 404, "no_maintenance_scheduled");
    const past = { task: "restart_server", notify_server: true, at: inMs(-1000) };
    expectError(await manager.api("POST", "/manager/maintenance", past), 400, "at_in_past");
    const bad = { task: "explode", notify_server: "yes" };
    expectError(await manager.api("POST", "/manager/maintenance", bad), 400, "invalid_request");
    expectError(
      await manager.api("POST", "/manager/maintenance", { task: "reboot_system", notify_server: false }),
      403,
      "not_allowed",
    );
  });
});

describe("/admin/manager/… on the server's public port", () => {
  let admin: ProfileUser;
  beforeAll(async () => {
    admin = await createProfileUser(server, { email: ADMIN_EMAIL });
  });

  test("needs use_manager_api", async () => {
    const user = await signUp(server);
    expectError(await as(server, user).get("/admin/manager/server"), 403, "forbidden");
    expect((await request(server.url, "GET", "/admin/manager/server")).status).toBe(401);
    user.ws.close();
  });

  test("forwards method, path, query and body, and returns the manager's answer as it is", async () => {
    const status = await as(server, admin).get<{ pid: number; link: { connected: boolean } }>(
      "/admin/manager/server",
    );
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ pid: server.pid, link: { connected: true } });
    const logs = await as(server, admin).get<{ lines: unknown[] }>("/admin/manager/logs?lines=2");
    expect(logs.body.lines).toHaveLength(2);
    const at = inMs(3_600_000);
    const scheduled = await as(server, admin).post<MaintenanceStatus>("/admin/manager/maintenance", {
      task: "restart_server",
      notify_server: false,
      at,
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect(scheduled.body.scheduled).toMatchObject({ task: "restart_server", start: at });
    const cancel = () =>
      request(server.url, "DELETE", "/admin/manager/maintenance", { token: admin.accessToken });
    expect((await cancel()).status).toBe(200);
    expectError(await cancel(), 404, "no_maintenance_scheduled");
    expectError(await as(server, admin).get("/admin/manager/nowhere"), 404, "not_found");
  });

  test("is documented in the OpenAPI document", async () => {
    const doc = await request<{ paths: Record<string, object> }>(server.url, "GET", "/openapi.json");
    expect(Object.keys(doc.body.paths["/admin/manager/{path}"] ?? {})).toEqual([
      "get",
      "post",
      "put",
      "delete",
    ]);
  });

  describe("on a server without a reachable manager", () => {
    const servers: RunningServer[] = [];
    afterAll(async () => {
      for (const standalone of servers) {
        await standalone.stop();
        standalone.cleanup();
      }
    });

    test.each([
      ["no manager is configured", "", "manager_not_configured"],
      ["the manager does not answer", "ws://127.0.0.1:1/manager/ws", "manager_unavailable"],
    ])("answers 503 when %s", async (_, url, code) => {
      const standalone = await startServer({ config: { ...serverConfig, local_manager: { url } } });
      servers.push(standalone);
      const boss = await createProfileUser(standalone, { email: ADMIN_EMAIL });
      expectError(await as(standalone, boss).get("/admin/manager/server"), 503, code);
      boss.ws.close();
    });
  });
});

describe("system commands", () => {
  const traceDir = mkdtempSync(join(tmpdir(), "venus-reboot-"));
  /** The harmless "reboot": appends an x to this file. */
  const trace = join(traceDir, "rebooted");
  const traced = () => (existsSync(trace) ? readFileSync(trace, "utf8") : "");
  let commands: RunningManager;

  beforeAll(async () => {
    const system = {
      allow_reboot: true,
      reboot_command: [process.execPath, "-e", `require("fs").appendFileSync(${JSON.stringify(trace)}, "x")`],
      allow_shutdown: true,
      shutdown_command: [process.execPath, "-e", "console.error('refused'); process.exit(3)"],
    };
    commands = await launch({ config: { server: { control: "none" }, system } });
  });
  afterAll(() => rmSync(traceDir, { recursive: true, force: true }));

  test("are refused unless the config allows them", async () => {
    const plain = await launch({ config: { server: { control: "none" } } });
    expectError(await plain.api("POST", "/manager/system/reboot"), 403, "not_allowed");
    expectError(await plain.api("POST", "/manager/system/shutdown"), 403, "not_allowed");
  });

  test("reboot runs the configured command; a failing command is reported", async () => {
    const reboot = await commands.api("POST", "/manager/system/reboot");
    expect(reboot.status, JSON.stringify(reboot.body)).toBe(200);
    expect(reboot.body).toMatchObject({ ok: true, exit_code: 0 });
    expect(traced()).toBe("x");
    const shutdown = await commands.api("POST", "/manager/system/shutdown");
    expectError(shutdown, 500, "command_failed");
    expect(JSON.stringify(shutdown.body)).toContain("exited with code 3: refused");
  });

  test("a scheduled reboot runs at its time", async () => {
    const before = traced();
    const start = inMs(1500);
    const scheduled = await commands.api("POST", "/manager/maintenance", {
      task: "reboot_system",
      notify_server: false,
      at: start,
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    const run = await commands.until(
      "the reboot to run",
      async () => (await maintenance(commands)).body.last_run ?? undefined,
    );
    expect(run).toMatchObject({ task: "reboot_system", start, ok: true });
    expect(Date.parse(run.finished_at)).toBeGreaterThanOrEqual(Date.parse(start));
    expect(traced()).toBe(`${before}x`);
  });

  test("a scheduled task survives a manager restart", async () => {
    const start = inMs(3_600_000);
    const scheduled = await commands.api("POST", "/manager/maintenance", {
      task: "reboot_system",
      notify_server: true,
      at: start,
    });
    expect(scheduled.body).toMatchObject({ scheduled: { task: "reboot_system" } });
    commands.kill("SIGTERM");
    expect(await commands.exited).toBe(0);
    const again = await launch({
      config: { server: { control: "none" }, data_dir: join(commands.dir, "manager-data") },
    });
    const { body } = await maintenance(again);
    expect(body.scheduled).toMatchObject({ task: "reboot_system", start, notify_server: true });
    expect((await again.api("DELETE", "/manager/maintenance")).status).toBe(200);
  });
});

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startManager, type RunningManager } from "../testing/spawn-manager.js";

// `server.control = "systemd"` and the manager's own systemd notifications. There is no systemd on
// this machine, so `systemctl`, `journalctl` and `systemd-notify` are small stand-ins on the PATH that
// record how they were called and answer as the real tools do.

const UNIT = "venus-test.service";
let tools: string;
let manager: RunningManager;

const calls = (tool: string) => {
  try {
    return readFileSync(join(tools, `${tool}.calls`), "utf8")
      .trim()
      .split("\n");
  } catch {
    return [];
  }
};

function fakeTool(name: string, body: string) {
  const file = join(tools, name);
  writeFileSync(file, `#!/bin/sh\necho "$@" >> "${join(tools, name)}.calls"\n${body}\n`);
  chmodSync(file, 0o755);
}

beforeAll(async () => {
  tools = mkdtempSync(join(tmpdir(), "venus-systemd-tools-"));
  writeFileSync(
    join(tools, "show"),
    `ActiveState=active\nMainPID=${process.pid}\nActiveEnterTimestamp=@1700000000\nNRestarts=2\n`,
  );
  fakeTool(
    "systemctl",
    `case "$1" in show) cat "${join(tools, "show")}" ;; restart) exit 0 ;; *) exit 1 ;; esac`,
  );
  const journal = [
    { __REALTIME_TIMESTAMP: "1700000000000000", MESSAGE: '{"msg":"listening"}' },
    { __REALTIME_TIMESTAMP: "1700000001000000", MESSAGE: "second line" },
  ];
  fakeTool("journalctl", `cat <<'JSON'\n${journal.map((entry) => JSON.stringify(entry)).join("\n")}\nJSON`);
  fakeTool("systemd-notify", "exit 0");
  manager = await startManager({
    config: { server: { control: "systemd", unit: UNIT } },
    env: {
      PATH: `${tools}:${process.env.PATH ?? ""}`,
      NOTIFY_SOCKET: join(tools, "notify.sock"),
      WATCHDOG_USEC: "400000",
    },
  });
});

afterAll(() => {
  manager.kill();
  rmSync(manager.dir, { recursive: true, force: true });
  rmSync(tools, { recursive: true, force: true });
});

describe('server.control = "systemd"', () => {
  test("status comes from systemctl show, with the unit's restarts and its process's resources", async () => {
    const { status, body } = await manager.api("GET", "/manager/server");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      control: "systemd",
      unit: UNIT,
      running: true,
      pid: process.pid,
      since: "2023-11-14T22:13:20.000Z",
      restarts: 2,
      requested_restarts: 0,
    });
    expect(calls("systemctl")).toContain(
      `show ${UNIT} --timestamp=unix --property=ActiveState,MainPID,ActiveEnterTimestamp,NRestarts`,
    );
    const info = await manager.api<{ server: { resources: { rss_bytes: number } | null } }>(
      "GET",
      "/manager/system_info",
    );
    expect(info.body.server.resources?.rss_bytes).toBeGreaterThan(0);
  });

  test("restart is systemctl restart; logs come from journald", async () => {
    const restart = await manager.api("POST", "/manager/server/restart");
    expect(restart.status).toBe(200);
    expect(restart.body).toMatchObject({ control: "systemd", requested_restarts: 1 });
    expect(calls("systemctl")).toContain(`restart ${UNIT}`);

    const logs = await manager.api<{ lines: unknown[] }>("GET", "/manager/logs?lines=2");
    expect(logs.body.lines).toEqual([
      { time: "2023-11-14T22:13:20.000Z", stream: "journal", text: '{"msg":"listening"}' },
      { time: "2023-11-14T22:13:21.000Z", stream: "journal", text: "second line" },
    ]);
    expect(calls("journalctl")).toContain(`--unit ${UNIT} --lines 2 --output json --no-pager`);
  });

  test("a failing systemctl is a clear 502, and the manager keeps answering", async () => {
    rmSync(join(tools, "show"));
    const failed = await manager.api("GET", "/manager/server");
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({ error: { code: "server_control_failed" } });
    expect((await manager.api("GET", "/manager/logs?lines=1")).status).toBe(200);
  });

  test("the manager tells systemd it is ready, keeps the watchdog fed, and leaves the unit running on exit", async () => {
    await manager.until("watchdog keep-alives", async () =>
      calls("systemd-notify").filter((line) => line.includes("WATCHDOG=1")).length >= 2 ? true : undefined,
    );
    expect(calls("systemd-notify").some((line) => line.includes("--ready"))).toBe(true);
    manager.kill("SIGTERM");
    expect(await manager.exited).toBe(0);
    expect(calls("systemd-notify").some((line) => line.includes("STOPPING=1"))).toBe(true);
    expect(calls("systemctl").some((line) => /^(stop|kill)/.test(line))).toBe(false);
  });
});

import { promisify } from "node:util";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SystemInfo } from "@venus/manager";
import { request } from "../testing/http-client.js";
import { startManager, type RunningManager, type ServerStatus as Status } from "../testing/spawn-manager.js";
import { isAlive, VENUS_BIN } from "../testing/spawn-server.js";

// `venus manager` with a real server child, on loopback: supervision, logs, system info and API keys.

const BASE_DELAY_MS = 300;

let manager: RunningManager;

beforeAll(async () => {
  manager = await startManager({
    config: { api: { failed_key_base_delay_ms: BASE_DELAY_MS, failed_key_max_delay_seconds: 5 } },
  });
});

afterAll(() => {
  manager.kill();
  rmSync(manager.dir, { recursive: true, force: true });
});

describe("venus manager", () => {
  test("supervises the server: restarts it after kill -9 and on request", async () => {
    const first = await manager.serverUp();
    expect(first).toMatchObject({ running: true, restarts: 0, requested_restarts: 0 });

    process.kill(first.pid, "SIGKILL");
    const second = await manager.serverUp(first.pid);
    expect(second.restarts).toBe(1);

    const restart = await manager.api<Status>("POST", "/manager/server/restart");
    expect(restart.status).toBe(200);
    expect(restart.body).toMatchObject({ running: true, requested_restarts: 1 });
    expect(isAlive(second.pid)).toBe(false);
    const third = await manager.serverUp(second.pid);
    expect(third).toMatchObject({ restarts: 1, requested_restarts: 1 });
  });

  test("serves the server's last output lines", async () => {
    const logs = await manager.api<{ lines: { time: string; stream: string; text: string }[] }>(
      "GET",
      "/manager/logs?lines=5",
    );
    expect(logs.status).toBe(200);
    expect(logs.body.lines).toHaveLength(5);
    expect(logs.body.lines[0]).toMatchObject({ stream: expect.stringMatching(/^std(out|err)$/) });
    expect((await manager.api("GET", "/manager/logs?lines=0")).status).toBe(400);
    expect((await manager.api("GET", "/manager/logs?lines=100000")).status).toBe(400);
  });

  test("reports system information", async () => {
    const { status, body } = await manager.api<SystemInfo>("GET", "/manager/system_info");
    expect(status).toBe(200);
    expect(body.version).toBe("0.1.0");
    expect(body.cpu.count).toBeGreaterThan(0);
    expect(body.cpu.load_average).toHaveLength(3);
    expect(body.memory.total_bytes).toBeGreaterThan(body.memory.free_bytes);
    expect(body.uptime_seconds).toBeGreaterThan(0);
    expect(body.disks.map((disk) => disk.name)).toEqual(["manager_data", "server_data"]);
    expect(body.disks[0]?.total_bytes).toBeGreaterThan(0);
    expect(body.server).toMatchObject({ running: true, control: "child" });
    expect(body.server.resources?.rss_bytes).toBeGreaterThan(0);
    expect(body.server.resources?.threads).toBeGreaterThan(0);
  });

  test("slows wrong API keys more each time, but answers the right key at once", async () => {
    // The server's own link logs in with the right key from this address, which resets its delay:
    // let it connect first, so it cannot do so in the middle of the sequence below.
    await manager.until("the server's link", async () => {
      const { body } = await manager.api<{ link: { connected: boolean } }>("GET", "/manager/server");
      return body.link.connected ? true : undefined;
    });
    const timed = async (key: string | undefined) => {
      const started = performance.now();
      const answer =
        key === undefined
          ? await request(manager.url, "GET", "/manager/server")
          : await manager.api("GET", "/manager/server", undefined, key);
      return { status: answer.status, body: answer.body, ms: performance.now() - started };
    };
    const wrong = [await timed("wrong-key"), await timed(undefined), await timed("wrong-key")];
    expect(wrong.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(wrong[0]?.body).toMatchObject({ error: { code: "invalid_api_key" } });
    expect(wrong[0]?.ms).toBeGreaterThanOrEqual(BASE_DELAY_MS * 0.9);
    expect(wrong[2]?.ms).toBeGreaterThanOrEqual(BASE_DELAY_MS * 2);
    const right = await timed(manager.apiKey);
    expect(right.status).toBe(200);
    expect(right.ms).toBeLessThan(BASE_DELAY_MS);
    // The right key reset this address: the next wrong key waits only the base delay again.
    const again = await timed("wrong-key");
    expect(again.ms).toBeLessThan(BASE_DELAY_MS * 2);
  });

  test("venus manager-api calls the API: the answer on stdout, a refusal on stderr with exit 1", async () => {
    const cli = (key: string) =>
      promisify(execFile)(process.execPath, [
        VENUS_BIN,
        "manager-api",
        "--url",
        manager.url,
        "--key",
        key,
        "GET",
        "/manager/server",
      ]).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const ok = await cli(manager.apiKey);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ running: true, pid: expect.any(Number) });
    const refused = await cli("not the key");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("401");
    expect(refused.stderr).toContain("invalid_api_key");
  });

  test("SIGTERM stops the server child and exits 0", async () => {
    const { body: status } = await manager.api<Status>("GET", "/manager/server");
    expect(status.pid).not.toBeNull();
    manager.kill("SIGTERM");
    expect(await manager.exited).toBe(0);
    expect(isAlive(status.pid as number)).toBe(false);
  });
});

test("docs/configuration.md shows exactly the manager's default config (npm run docs:config)", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [
    VENUS_BIN,
    "config",
    "default",
    "--manager",
  ]);
  const docs = readFileSync(
    fileURLToPath(new URL("../../../../docs/configuration.md", import.meta.url)),
    "utf8",
  );
  expect(docs).toContain("```toml\n" + stdout + "```");
  expect(parse(stdout)).toMatchObject({ api: { port: 4100 }, server: { control: "child" }, remotes: [] });
});

test("a manager killed outright takes its server down with it, gracefully", async () => {
  const doomed = await startManager();
  try {
    const server = await doomed.serverUp();
    doomed.kill("SIGKILL");
    await doomed.until("the orphaned server to stop", async () => (isAlive(server.pid) ? undefined : true));
    // Its graceful shutdown's last step releases the data directory (a crash would leave the lock).
    expect(existsSync(join(doomed.serverDataDir, "venus.lock"))).toBe(false);
  } finally {
    rmSync(doomed.dir, { recursive: true, force: true });
  }
});

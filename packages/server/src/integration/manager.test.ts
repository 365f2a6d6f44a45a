import { promisify } from "node:util";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "smol-toml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SystemInfo } from "@venus/manager";
import { request } from "../testing/http-client.js";
import { isAlive, onOutputLines, VENUS_BIN } from "../testing/spawn-server.js";

// `venus manager` with a real server child, on loopback: supervision, logs, system info and API keys.

const API_KEY = "test-manager-key-0123456789";
const BASE_DELAY_MS = 300;

interface Status {
  running: boolean;
  pid: number | null;
  restarts: number;
  requested_restarts: number;
}

let dir: string;
let managerUrl: string;
let manager: ReturnType<typeof spawn>;
let managerExited: Promise<number | string>;
const managerOutput: string[] = [];

const api = <T = Record<string, unknown>>(method: string, path: string, key = API_KEY) =>
  request<T>(managerUrl, method, path, { headers: { authorization: `Bearer ${key}` } });

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${managerOutput.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The server's port, from the `listening` line its current process wrote (as the manager kept it). */
async function serverPort(pid: number): Promise<number | undefined> {
  const logs = await api<{ lines: { text: string }[] }>("GET", "/manager/logs?lines=1000");
  for (const { text } of logs.body.lines.reverse()) {
    if (!text.includes('"msg":"listening"')) continue;
    const entry = JSON.parse(text) as { pid: number; port: number };
    if (entry.pid === pid) return entry.port;
  }
  return undefined;
}

/** Waits until the manager reports a running server other than `previousPid` that answers /health. */
async function serverUp(previousPid?: number): Promise<Status & { pid: number }> {
  return until("the server to be up", async () => {
    const { body: status } = await api<Status>("GET", "/manager/server");
    if (!status.running || status.pid === null || status.pid === previousPid) return undefined;
    const port = await serverPort(status.pid);
    if (port === undefined) return undefined;
    const health = await request(`http://127.0.0.1:${port}`, "GET", "/health");
    return health.status === 200 ? { ...status, pid: status.pid } : undefined;
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "venus-manager-"));
  const serverConfig = join(dir, "server.toml");
  writeFileSync(
    serverConfig,
    stringify({ data_dir: join(dir, "server-data"), http: { port: 0 }, bots: { local_port: 0 } }),
  );
  const managerConfig = join(dir, "manager.toml");
  writeFileSync(
    managerConfig,
    stringify({
      data_dir: join(dir, "manager-data"),
      api: {
        port: 0,
        api_key: API_KEY,
        failed_key_base_delay_ms: BASE_DELAY_MS,
        failed_key_max_delay_seconds: 5,
      },
      server: { config_file: serverConfig, restart_base_ms: 100 },
    }),
  );
  manager = spawn(process.execPath, [VENUS_BIN, "manager", "--config", managerConfig], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  managerExited = new Promise((resolve) =>
    manager.on("exit", (code, signal) => resolve(code ?? signal ?? "")),
  );
  const port = await new Promise<number>((resolve, reject) => {
    onOutputLines(manager, (line) => {
      managerOutput.push(line);
      if (line.includes('"msg":"manager listening"')) resolve((JSON.parse(line) as { port: number }).port);
    });
    void managerExited.then((code) =>
      reject(new Error(`manager exited (${code}) before listening:\n${managerOutput.join("\n")}`)),
    );
  });
  managerUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (manager.exitCode === null && manager.signalCode === null) manager.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("venus manager", () => {
  test("supervises the server: restarts it after kill -9 and on request", async () => {
    const first = await serverUp();
    expect(first).toMatchObject({ running: true, restarts: 0, requested_restarts: 0 });

    process.kill(first.pid, "SIGKILL");
    const second = await serverUp(first.pid);
    expect(second.restarts).toBe(1);

    const restart = await api<Status>("POST", "/manager/server/restart");
    expect(restart.status).toBe(200);
    expect(restart.body).toMatchObject({ running: true, requested_restarts: 1 });
    expect(isAlive(second.pid)).toBe(false);
    const third = await serverUp(second.pid);
    expect(third).toMatchObject({ restarts: 1, requested_restarts: 1 });
  });

  test("serves the server's last output lines", async () => {
    const logs = await api<{ lines: { time: string; stream: string; text: string }[] }>(
      "GET",
      "/manager/logs?lines=5",
    );
    expect(logs.status).toBe(200);
    expect(logs.body.lines).toHaveLength(5);
    expect(logs.body.lines[0]).toMatchObject({ stream: expect.stringMatching(/^std(out|err)$/) });
    expect((await api("GET", "/manager/logs?lines=0")).status).toBe(400);
    expect((await api("GET", "/manager/logs?lines=100000")).status).toBe(400);
  });

  test("reports system information", async () => {
    const { status, body } = await api<SystemInfo>("GET", "/manager/system_info");
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
    const timed = async (key: string | undefined) => {
      const started = performance.now();
      const answer =
        key === undefined
          ? await request(managerUrl, "GET", "/manager/server")
          : await api("GET", "/manager/server", key);
      return { status: answer.status, body: answer.body, ms: performance.now() - started };
    };
    const wrong = [await timed("wrong-key"), await timed(undefined), await timed("wrong-key")];
    expect(wrong.map((answer) => answer.status)).toEqual([401, 401, 401]);
    expect(wrong[0]?.body).toMatchObject({ error: { code: "invalid_api_key" } });
    expect(wrong[0]?.ms).toBeGreaterThanOrEqual(BASE_DELAY_MS * 0.9);
    expect(wrong[2]?.ms).toBeGreaterThanOrEqual(BASE_DELAY_MS * 2);
    const right = await timed(API_KEY);
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
        managerUrl,
        "--key",
        key,
        "GET",
        "/manager/server",
      ]).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const ok = await cli(API_KEY);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ running: true, pid: expect.any(Number) });
    const refused = await cli("not the key");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("401");
    expect(refused.stderr).toContain("invalid_api_key");
  });

  test("SIGTERM stops the server child and exits 0", async () => {
    const { body: status } = await api<Status>("GET", "/manager/server");
    expect(status.pid).not.toBeNull();
    manager.kill("SIGTERM");
    expect(await managerExited).toBe(0);
    expect(isAlive(status.pid as number)).toBe(false);
  });
});

import { execFile, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import type { LoadReport } from "@venus/bot-client";
import { expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { newDataDir, startServer, VENUS_BIN } from "../testing/spawn-server.js";

const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    websocket: { messages_per_second: 100_000, message_burst: 100_000 },
  },
});

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `venus bot load …` as its own process, as a user would. */
function venusBotLoad(args: string[]): Promise<Finished> {
  const child = spawn(process.execPath, [VENUS_BIN, "bot", "load", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** A port nothing listens on: a free one, taken and given back. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A config file whose data directory holds no admin token: `venus bot load` cannot switch anything on. */
function strangerConfig(): string {
  const dir = newDataDir();
  const file = join(dir, "venus.toml");
  writeFileSync(file, `data_dir = ${JSON.stringify(join(dir, "data"))}\n`);
  return file;
}

test("bot load sets 4 bots up, plays them for 3 s and reports requests, messages and latencies as JSON", async () => {
  const run = await venusBotLoad([
    "--server",
    fixture.server.url,
    "--bot-listener",
    fixture.server.botUrl,
    "--users",
    "4",
    "--duration",
    "3",
    "--json",
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as LoadReport;

  expect(report.users).toBe(4);
  expect(report.setup).toMatchObject({ ready: 4, failed: 0, errors: {}, failures: {} });
  expect(report.setup.seconds).toBeGreaterThan(0);
  expect(report.duration_seconds).toBeGreaterThanOrEqual(3);
  expect(report.requests.count).toBeGreaterThan(0);
  expect(report.requests.errors).toBe(0);
  expect(report.requests.latency_ms?.p99).toBeGreaterThan(0);
  expect(report.errors).toEqual({});
  const routes = report.routes.map((route) => route.route);
  expect(routes).toEqual(expect.arrayContaining(["POST /chat/like", "ws chat.send", "ws chat.ack"]));
  // The pairs matched and wrote to each other; every message received was timed.
  expect(report.messages.sent).toBeGreaterThan(0);
  expect(report.messages.received).toBeGreaterThan(0);
  expect(report.messages.per_second).toBeGreaterThan(0);
  const latency = report.messages.latency_ms;
  expect(latency).not.toBeNull();
  expect(latency?.p50).toBeGreaterThan(0);
  expect(latency?.p99).toBeGreaterThanOrEqual(latency?.p50 ?? 0);
  expect(latency?.max).toBeGreaterThanOrEqual(latency?.p99 ?? 0);
});

test("bot load against a port nothing listens on exits non-zero and says why", async () => {
  const url = `http://127.0.0.1:${await deadPort()}`;
  const run = await venusBotLoad([
    ...["--server", url, "--bot-listener", `http://127.0.0.1:${await deadPort()}`, "-c", strangerConfig()],
    ...["--users", "2", "--duration", "1", "--json"],
  ]);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain(`venus: cannot reach a Venus server at ${url} (ECONNREFUSED`);
});

test("on the server's defaults (bot listener closed, 10 registrations per address), bot load sets up more bots than that through local bot login, and switches it off again", async () => {
  const botPort = await deadPort();
  const server = await startServer({ config: { bots: { local_port: botPort, local_login: false } } });
  try {
    const config = join(server.dataDir, "venus.toml");
    const run = await venusBotLoad([
      ...["--server", server.url, "--bot-listener", `http://127.0.0.1:${botPort}`, "-c", config],
      ...["--users", "12", "--duration", "1", "--json"],
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      `venus: local bot login switched on for this run (flag local_bot_login_enabled, through the admin listener); the bots sign in on http://127.0.0.1:${botPort}\n`,
    );
    const report = JSON.parse(run.stdout) as LoadReport;
    expect(report.setup).toMatchObject({ ready: 12, failed: 0, failures: {} });
    const flag = await promisify(execFile)(process.execPath, [
      ...[VENUS_BIN, "admin", "-c", config, "--json", "flag", "get", "local_bot_login_enabled"],
    ]);
    expect(JSON.parse(flag.stdout)).toMatchObject({ value: false });
  } finally {
    await server.stop();
    server.cleanup();
  }
}, 120_000);

test("against a server it cannot sign bots in on, bot load names in one line the limit that refused them", async () => {
  const server = await startServer({
    config: { rate_limits: { ...GENEROUS_RATE_LIMITS, register_per_ip: { limit: 2, window_seconds: 3600 } } },
  });
  try {
    const run = await venusBotLoad([
      ...[
        "--server",
        server.url,
        "--bot-listener",
        `http://127.0.0.1:${await deadPort()}`,
        "-c",
        strangerConfig(),
      ],
      ...["--users", "4", "--duration", "1", "--json"],
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as LoadReport;
    expect(report.setup).toMatchObject({
      ready: 2,
      failures: { "429 rate_limited on POST /account/register": 2 },
    });
    expect(run.stderr).toBe(
      "venus: 2 of 4 bots were refused by POST /account/register (429 rate_limited): the server's rate_limits.register_per_ip stopped them; raise rate_limits.register_per_ip.limit in its config (or VENUS_RATE_LIMITS__REGISTER_PER_IP__LIMIT), or run the load on the server's machine, where the bots sign in on its loopback bot listener\n",
    );
  } finally {
    await server.stop();
    server.cleanup();
  }
}, 120_000);

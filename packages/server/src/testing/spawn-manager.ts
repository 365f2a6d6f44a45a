import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "smol-toml";
import { request, type HttpResult } from "./http-client.js";
import { onOutputLines, venusCommand } from "./spawn-server.js";

export interface ManagerOptions {
  /** The manager's config, merged over `data_dir`, `api.port = 0` and `api.api_key`. */
  config?: Record<string, unknown>;
  /** When given, the manager supervises a server with this config (merged over a temp data dir and free ports). */
  server?: Record<string, unknown>;
  apiKey?: string;
  env?: NodeJS.ProcessEnv;
  /** Start under this umask (e.g. 0o022); the server it supervises inherits it. */
  umask?: number;
}

export interface ServerStatus {
  running: boolean;
  pid: number | null;
  restarts: number;
  requested_restarts: number;
}

export interface RunningManager {
  url: string;
  apiKey: string;
  /** The temp directory holding both configs, the manager's data dir and the server's. */
  dir: string;
  serverDataDir: string;
  process: ChildProcess;
  exited: Promise<number | string>;
  /** Every line the manager (and through it the server) wrote. */
  output: string[];
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<HttpResult<T>>;
  /** Waits until the manager reports a running server other than `previousPid` that answers /health. */
  serverUp(previousPid?: number): Promise<ServerStatus & { pid: number; port: number }>;
  /** Polls `probe` every 100 ms until it resolves to something other than undefined. */
  until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  kill(signal?: NodeJS.Signals): void;
}

const DEFAULT_KEY = "test-manager-key-0123456789";

/** Starts `venus manager` on a free loopback port with its own temp data directory. */
export async function startManager(options: ManagerOptions = {}): Promise<RunningManager> {
  const dir = mkdtempSync(join(tmpdir(), "venus-manager-"));
  const apiKey = options.apiKey ?? DEFAULT_KEY;
  const serverDataDir = join(dir, "server-data");
  const serverConfig = join(dir, "server.toml");
  writeFileSync(
    serverConfig,
    stringify({ data_dir: serverDataDir, http: { port: 0 }, bots: { local_port: 0 }, ...options.server }),
  );
  const given = options.config ?? {};
  const configFile = join(dir, "manager.toml");
  writeFileSync(
    configFile,
    stringify({
      data_dir: join(dir, "manager-data"),
      ...given,
      api: { port: 0, api_key: apiKey, ...(given.api as object | undefined) },
      server: { config_file: serverConfig, restart_base_ms: 100, ...(given.server as object | undefined) },
    }),
  );
  const child = spawn(...venusCommand(["manager", "--config", configFile], options.umask), {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "")),
  );
  const output: string[] = [];
  let listening = false;
  const port = await new Promise<number>((resolve, reject) => {
    onOutputLines(child, (line) => {
      output.push(line);
      if (!line.includes('"msg":"manager listening"')) return;
      listening = true;
      resolve((JSON.parse(line) as { port: number }).port);
    });
    void exited.then((code) => {
      if (listening) return;
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`manager exited (${code}) before listening:\n${output.join("\n")}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const api = <T>(method: string, path: string, body?: unknown, key = apiKey) =>
    request<T>(url, method, path, {
      headers: { authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { body }),
    });

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}:\n${output.slice(-50).join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The server's port, from the `listening` line its process `pid` wrote (as the manager kept it). */
  async function serverPort(pid: number): Promise<number | undefined> {
    const logs = await api<{ lines: { text: string }[] }>("GET", "/manager/logs?lines=1000");
    for (const { text } of logs.body.lines.reverse()) {
      if (!text.includes('"msg":"listening"')) continue;
      const entry = JSON.parse(text) as { pid: number; port: number };
      if (entry.pid === pid) return entry.port;
    }
    return undefined;
  }

  const serverUp = (previousPid?: number) =>
    until("the server to be up", async () => {
      const { body: status } = await api<ServerStatus>("GET", "/manager/server");
      if (!status.running || status.pid === null || status.pid === previousPid) return undefined;
      const serverPortNow = await serverPort(status.pid);
      if (serverPortNow === undefined) return undefined;
      const health = await request(`http://127.0.0.1:${serverPortNow}`, "GET", "/health");
      return health.status === 200 ? { ...status, pid: status.pid, port: serverPortNow } : undefined;
    });

  return {
    url,
    apiKey,
    dir,
    serverDataDir,
    process: child,
    exited,
    output,
    api,
    serverUp,
    until,
    kill: (signal = "SIGKILL") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

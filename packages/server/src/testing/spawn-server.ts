import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "smol-toml";

/** The built `venus` binary the integration tests run. */
export const VENUS_BIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

export interface ServerOptions {
  /** Config sections merged over the test defaults (port 0, temp data dir). */
  config?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Reuse a data directory (restart after a crash). */
  dataDir?: string;
  /** Start under this umask (e.g. 0o022), as a shell would; default: the test process's. */
  umask?: number;
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  /** The loopback-only bot listener (`bots.local_port`, 0 in tests: a free port). */
  botUrl: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Every line the server printed on stdout and stderr. */
  output: string[];
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
  /** Removes the temporary data directory (after stop). */
  cleanup(): void;
}

/** The command and arguments that run `venus ARGS`, under `umask` when given (exec keeps the pid). */
export function venusCommand(args: string[], umask?: number): [string, string[]] {
  if (umask === undefined) return [process.execPath, [VENUS_BIN, ...args]];
  const mask = umask.toString(8).padStart(3, "0");
  return ["/bin/sh", ["-c", `umask ${mask} && exec "$0" "$@"`, process.execPath, VENUS_BIN, ...args]];
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), "venus-test-"));
}

/** Calls `onLine` with each line a child prints on stdout and stderr. */
export function onOutputLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      lines.forEach(onLine);
    });
  }
}

/** Whether process `pid` still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The bots-file moderation rules that need a detector, all off. */
export const DETECTOR_RULES_OFF = {
  nudity_reject_above: 1,
  nudity_accept_below: 0,
  face_image_needs_face: false,
  face_image_one_face: false,
  selfie_needs_face: false,
};
const botsFile = (config: { bots: object }) => (config.bots as { file?: string }).file;

/** Writes a config file and runs `venus server`, resolving once it logs that it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? newDataDir();
  const config = {
    data_dir: join(dataDir, "data"),
    ...options.config,
    http: { port: 0, ...(options.config?.http as object | undefined) },
    // Tests sign bots in on the bot listener; it opens only with local bot login (or bots) on.
    bots: { local_port: 0, local_login: true, ...(options.config?.bots as object | undefined) },
    log: { level: "info", ...(options.config?.log as object | undefined) },
    // The image detectors cost seconds of CPU per worker start: only tests that ask for them load them.
    media: { detectors: [], ...(options.config?.media as object | undefined) },
  };
  const detectors = (options.config?.media as { detectors?: unknown[] } | undefined)?.detectors ?? [];
  if (detectors.length === 0 && !botsFile(config)) {
    // Detectors off, so the rules that need them must be off too (else the server refuses to start).
    const file = join(dataDir, "bots.toml");
    writeFileSync(file, stringify({ moderation: DETECTOR_RULES_OFF }));
    Object.assign(config.bots, { file });
  }
  const configFile = join(dataDir, "venus.toml");
  writeFileSync(configFile, stringify(config));
  const child = spawn(...venusCommand(["server", "--config", configFile], options.umask), {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  let botPort = 0;
  const port = await new Promise<number>((resolve, reject) => {
    const onLine = (line: string) => {
      output.push(line);
      if (line.includes('"msg":"bot listener"')) botPort = (JSON.parse(line) as { port: number }).port;
      if (line.includes('"msg":"listening"')) resolve((JSON.parse(line) as { port: number }).port);
    };
    onOutputLines(child, onLine);
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output.join("\n")}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    botUrl: `http://127.0.0.1:${botPort}`,
    port,
    dataDir,
    process: child,
    output,
    exited,
    stop: (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

import { once } from "node:events";
import type { TransportName } from "@venus/simple-backend";
import { startServer } from "../packages/server/src/testing/spawn-server.js";
import { spawnBenchScript, waitForLine } from "./child-process.js";
import { withTimeout } from "./concurrency.js";
import { DEBUGGER_LINE, INSPECTOR_FLAG } from "./inspector.js";

/** A server process under test: its pid is what CPU and memory are read from. */
export interface BenchServer {
  pid: number;
  wsUrl: string;
  /** Both servers run with the inspector on loopback, so a benchmark can force a full GC (nothing else attaches). */
  inspectorUrl: string;
  stop(): Promise<void>;
}

/** Venus also has an HTTP base URL, for sign-in. */
export interface VenusServer extends BenchServer {
  url: string;
}

const START_TIMEOUT_MS = 30_000;
const UNLIMITED = 1_000_000_000;
const SIGN_IN_LIMIT = { limit: UNLIMITED };

/** The real `venus server` on `transport`, with a temp data dir and the abuse limits lifted so the load gets through. */
export async function startVenus(transport: TransportName): Promise<VenusServer> {
  const server = await withTimeout(
    startServer({
      config: {
        http: { transport },
        rate_limits: {
          login_per_ip: SIGN_IN_LIMIT,
          login_per_email: SIGN_IN_LIMIT,
          register_per_ip: SIGN_IN_LIMIT,
          register_per_email: SIGN_IN_LIMIT,
        },
        websocket: {
          messages_per_second: UNLIMITED,
          message_burst: UNLIMITED,
          idle_timeout_seconds: 960,
        },
      },
      env: { NODE_OPTIONS: INSPECTOR_FLAG },
    }),
    START_TIMEOUT_MS,
    "start venus server",
  );
  const pid = server.process.pid;
  const inspectorUrl = server.output.map((line) => DEBUGGER_LINE.exec(line)?.[1]).find(Boolean);
  if (pid === undefined || inspectorUrl === undefined) {
    await server.stop();
    throw new Error(`venus server started without pid or inspector:\n${server.output.join("\n")}`);
  }
  return {
    pid,
    url: server.url,
    wsUrl: server.wsUrl,
    inspectorUrl,
    stop: async () => {
      await withTimeout(server.stop(), START_TIMEOUT_MS, "stop venus server");
      server.cleanup();
    },
  };
}

/**
 * A bare uWebSockets.js baseline, `bench/<script>`, in its own process with the inspector on loopback
 * like Venus. It prints `{"msg":"listening","port":N}`; `url` is that port's HTTP base (for the same
 * client code as Venus; a baseline answers no HTTP route).
 */
async function startUwsScript(script: string, name: string): Promise<VenusServer> {
  const child = spawnBenchScript(script, [], [INSPECTOR_FLAG]);
  const exited = once(child, "exit");
  const [listening, debuggerLine] = await withTimeout(
    Promise.race([
      Promise.all([waitForLine(child.stdout, /"msg":"listening"/), waitForLine(child.stderr, DEBUGGER_LINE)]),
      exited.then(([code]) => Promise.reject(new Error(`${name} exited (${String(code)})`))),
    ]),
    START_TIMEOUT_MS,
    `start ${name}`,
  ).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  const { port } = JSON.parse(listening.input) as { port: number };
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} has no pid`);
  return {
    pid,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    inspectorUrl: debuggerLine[1] as string,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await withTimeout(exited, START_TIMEOUT_MS, `stop ${name}`);
    },
  };
}

/** The ping baseline: bench/uws-echo-server.ts. */
export const startUwsEcho = (): Promise<BenchServer> =>
  startUwsScript("uws-echo-server.ts", "uws echo server");

/** The chat baseline: bench/uws-chat-relay.ts, which forwards chat frames and stores nothing. */
export const startUwsChatRelay = (): Promise<VenusServer> =>
  startUwsScript("uws-chat-relay.ts", "uws chat relay");

/** Starts a server, runs `fn` with it, and always stops it. */
export async function withServer<S extends BenchServer, T>(
  start: () => Promise<S>,
  fn: (server: S) => Promise<T>,
): Promise<T> {
  const server = await start();
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

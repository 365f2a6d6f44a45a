/**
 * Durable one-to-one messages over WebSocket (issue 5): 1,000 matched pairs on the real
 * `venus server` against a bare uWebSockets.js relay that forwards the same frames and stores
 * nothing, measured in the same run. Runs in `npm run bench` or alone: `npx tsx bench/run.ts chat`.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoginResponse } from "@venus/model";
import { GENEROUS_RATE_LIMITS } from "../packages/server/src/testing/config.js";
import type { WsClient } from "../packages/server/src/testing/ws-client.js";
import { storedMessageCount, writeChatData } from "./chat-data.js";
import { BODY_BYTES, flatOut, paced, type Timing } from "./chat-exchange.js";
import { assertNothingLeft, connectPairs, relayTokens, signInAccounts, type ChatPair } from "./chat-peers.js";
import { collectGarbage } from "./inspector.js";
import { MIB, percentile, processCpuMicros, processRssBytes } from "./measure.js";
import { spawnVenus } from "./profile-server-process.js";
import { progress, type BenchmarkResult, type Metric } from "./report.js";
import { startUwsChatRelay, withServer, type VenusServer } from "./servers.js";
import { assertAllOpen, closeAll } from "./ws-fleet.js";
import { sized } from "./quick.js";
import { transportsUnderTest } from "../packages/server/src/testing/transports.js";
import type { TransportName } from "@venus/simple-backend";

const PAIRS = sized(1_000, 10);
/** Flat out: messages in flight per pair, one each way. */
const WINDOW = 2;
const FLAT_PER_LANE = 2;
/** Paced: each pair starts a message every interval, far below what either server can take. */
const PACED_INTERVAL_MS = sized(2_000, 200);
/** One each way per pair and round. */
const PACED_PER_PAIR = 2;
/** Rounds of each phase alternate between the servers (A B B A …) so that drift hits both alike. */
const ROUNDS = sized(4, 2);
const START_TIMEOUT_MS = 30_000;
const UNLIMITED = 1_000_000_000;

const CONFIG = {
  rate_limits: GENEROUS_RATE_LIMITS,
  websocket: { messages_per_second: UNLIMITED, message_burst: UNLIMITED },
  chat: { messages_per_day: UNLIMITED },
};

interface Side {
  server: VenusServer;
  pairs: ChatPair[];
  sockets: WsClient[];
  /** `clientCpuMicros`: this process's, which runs every client of both sides. */
  flat: { messages: number; seconds: number; cpuMicros: number; clientCpuMicros: number };
  paced: { timings: Timing[]; cpuMicros: number };
  /** After both phases and a full GC. */
  memory: { rssMiB: number; heapMiB: number };
  /** Server CPU while every socket of the side opened and got its `welcome`. */
  connectCpuMicros: number;
}

async function flatRound(side: Side): Promise<void> {
  const cpuBefore = processCpuMicros(side.server.pid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  side.flat.messages += await flatOut(side.pairs, WINDOW, FLAT_PER_LANE);
  side.flat.seconds += (performance.now() - started) / 1000;
  side.flat.cpuMicros += processCpuMicros(side.server.pid) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  side.flat.clientCpuMicros += client.user + client.system;
}

async function pacedRound(side: Side): Promise<void> {
  const cpuBefore = processCpuMicros(side.server.pid);
  side.paced.timings.push(...(await paced(side.pairs, PACED_INTERVAL_MS, PACED_PER_PAIR)));
  side.paced.cpuMicros += processCpuMicros(side.server.pid) - cpuBefore;
}

type Summary = ReturnType<typeof summary>;

function summary(side: Side) {
  const received = side.paced.timings.map((t) => t.receivedMs);
  const done = side.paced.timings.map((t) => t.doneMs);
  return {
    messagesPerSecond: side.flat.messages / side.flat.seconds,
    flatCpuMicros: side.flat.cpuMicros / side.flat.messages,
    clientCpuMicros: side.flat.clientCpuMicros / side.flat.messages,
    pacedCpuMicros: side.paced.cpuMicros / side.paced.timings.length,
    receivedP50: percentile(received, 50),
    receivedP99: percentile(received, 99),
    doneP50: percentile(done, 50),
    doneP99: percentile(done, 99),
    rssMiB: side.memory.rssMiB,
    heapMiB: side.memory.heapMiB,
    connectCpuMicros: side.connectCpuMicros / side.sockets.length,
  };
}

function result(
  transport: TransportName,
  venus: Summary,
  relay: Summary,
  measured: Record<string, string>,
): BenchmarkResult {
  const metric = (name: string, unit: string, better: Metric["better"], key: keyof Summary): Metric => ({
    name,
    unit,
    better,
    subject: venus[key],
    baseline: relay[key],
  });
  return {
    id: transport === "uws" ? "chat" : `chat-${transport}`,
    title: `Chat messages over WebSocket, ${PAIRS.toLocaleString("en-US")} matched pairs, Venus on ${transport}`,
    subject: `Venus (${transport})`,
    baseline: "uWS relay",
    parameters: {
      transport,
      pairs: PAIRS,
      body_bytes: BODY_BYTES,
      flat_out_window_per_pair: WINDOW,
      paced_interval_ms_per_pair: PACED_INTERVAL_MS,
      offered_paced_messages_per_second: (PAIRS * 1000) / PACED_INTERVAL_MS,
      ...measured,
    },
    metrics: [
      metric("messages per second, flat out", "1/s", "higher", "messagesPerSecond"),
      metric("server CPU per message, flat out", "µs", "lower", "flatCpuMicros"),
      metric("benchmark client CPU per message, flat out", "µs", "lower", "clientCpuMicros"),
      metric("server CPU per message, paced", "µs", "lower", "pacedCpuMicros"),
      metric("send → received p50, paced", "ms", "lower", "receivedP50"),
      metric("send → received p99, paced", "ms", "lower", "receivedP99"),
      metric("send → sender's ack answered p50, paced", "ms", "lower", "doneP50"),
      metric("send → sender's ack answered p99, paced", "ms", "lower", "doneP99"),
      metric("server RSS at end, after a full GC", "MiB", "lower", "rssMiB"),
      metric("server JS heap at end, after a full GC", "MiB", "lower", "heapMiB"),
      metric("server CPU per connect (hello → welcome)", "µs", "lower", "connectCpuMicros"),
    ],
  };
}

async function measureBoth(venus: Side, relay: Side): Promise<void> {
  progress("chat: warming up, then flat out in alternating rounds");
  for (const side of [venus, relay]) await flatOut(side.pairs, WINDOW, 1);
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? [venus, relay] : [relay, venus]) await flatRound(side);
  }
  progress("chat: paced, in alternating rounds");
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 === 0 ? [venus, relay] : [relay, venus]) await pacedRound(side);
  }
}

/** Every message arrived once and no connection was closed; then memory after a full GC. */
async function check(side: Side): Promise<void> {
  assertAllOpen(side.sockets);
  assertNothingLeft(side.pairs);
  const heap = await collectGarbage(side.server.inspectorUrl);
  side.memory = { rssMiB: processRssBytes(side.server.pid) / MIB, heapMiB: heap / MIB };
}

/** The chat benchmark once per transport this Node runs, each against the relay (one table each). */
export async function benchChat(): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  for (const transport of transportsUnderTest()) results.push(await chatOnTransport(transport));
  return results;
}

async function chatOnTransport(transport: TransportName): Promise<BenchmarkResult> {
  const dir = mkdtempSync(join(tmpdir(), "venus-bench-chat-"));
  const dataDir = join(dir, "data");
  try {
    progress(`chat: writing ${2 * PAIRS} accounts in ${PAIRS} matches with public keys to SQLite`);
    mkdirSync(dataDir);
    const ids = await writeChatData(dataDir, PAIRS);
    const startVenus = () => spawnVenus(dir, { ...CONFIG, http: { port: 0, transport } }, START_TIMEOUT_MS);
    return await withServer(startVenus, (venusServer) =>
      withServer(startUwsChatRelay, async (relayServer) => {
        const sides: Side[] = [];
        const addSide = async (server: VenusServer, sessions: LoginResponse[]) => {
          const cpuBefore = processCpuMicros(server.pid);
          const pairs = await connectPairs(server, sessions);
          const connectCpuMicros = processCpuMicros(server.pid) - cpuBefore;
          const side: Side = {
            server,
            pairs,
            sockets: pairs.flatMap(({ a, b }) => [a.ws, b.ws]),
            flat: { messages: 0, seconds: 0, cpuMicros: 0, clientCpuMicros: 0 },
            paced: { timings: [], cpuMicros: 0 },
            memory: { rssMiB: 0, heapMiB: 0 },
            connectCpuMicros,
          };
          sides.push(side);
          return side;
        };
        try {
          progress(`chat: ${ids.length} logins over HTTP`);
          const sessions = await signInAccounts(venusServer, ids.length);
          progress(`chat: connecting ${ids.length} WebSockets to each server`);
          const venus = await addSide(venusServer, sessions);
          const relay = await addSide(relayServer, relayTokens(ids));
          const heapBefore = (await collectGarbage(venusServer.inspectorUrl)) / MIB;
          await measureBoth(venus, relay);
          for (const side of sides) await check(side);
          const stored = storedMessageCount(dataDir);
          if (stored !== 0) throw new Error(`${stored} messages still stored after every acknowledgement`);
          return result(transport, summary(venus), summary(relay), {
            measured_messages_per_server: `${venus.flat.messages} flat out + ${venus.paced.timings.length} paced`,
            venus_js_heap_after_gc: `${heapBefore.toFixed(1)} MiB before the phases, ${venus.memory.heapMiB.toFixed(1)} after`,
          });
        } finally {
          for (const side of sides) await closeAll(side.sockets);
        }
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

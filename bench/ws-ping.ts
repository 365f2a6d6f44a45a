import type { WsClient } from "../packages/server/src/testing/ws-client.js";
import { sleep, withTimeout } from "./concurrency.js";
import { MIB, percentile, processCpuMicros, processRssBytes } from "./measure.js";
import { progress, type BenchmarkResult } from "./report.js";
import { startUwsEcho, startVenus, withServer, type BenchServer } from "./servers.js";
import { closeAll, connectPlain, connectVenus, signInVenus } from "./ws-fleet.js";
import { sized } from "./quick.js";
import { transportsUnderTest } from "../packages/server/src/testing/transports.js";
import type { TransportName } from "@venus/simple-backend";

const CONNECTIONS = sized(1_000, 40);
/** Each connection pings every INTERVAL_MS (paced, not flat out), so both servers get the same offered load. */
const INTERVAL_MS = 100;
const WARMUP_PINGS = sized(10, 2);
const PINGS_PER_ROUND = sized(10, 3);
/** Rounds alternate between the servers (ABBA) so that drift on the machine hits both alike. */
const ROUNDS = sized(6, 2);
const PONG_TIMEOUT_MS = 10_000;

interface Target {
  server: BenchServer;
  clients: WsClient[];
  latencies: number[];
  cpuMicros: number;
  seconds: number;
}

async function pingPong(client: WsClient, id: number): Promise<void> {
  client.send({ type: "ping", id });
  for (;;) {
    const frame = await client.next(PONG_TIMEOUT_MS);
    if (frame.type === "pong" && frame.id === id) return;
    if (frame.type === "error") throw new Error(`server error: ${JSON.stringify(frame)}`);
  }
}

/** `pings` round trips, the n-th due at `start + offset + n * INTERVAL_MS` (or at once when late). */
async function pingLoop(client: WsClient, pings: number, start: number, latencies: number[]): Promise<void> {
  const offset = Math.random() * INTERVAL_MS;
  for (let n = 0; n < pings; n++) {
    const wait = start + offset + n * INTERVAL_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    await pingPong(client, n);
    latencies.push(performance.now() - sent);
  }
}

async function pingAll(clients: readonly WsClient[], pings: number): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now();
  const budget = pings * INTERVAL_MS + PONG_TIMEOUT_MS;
  await withTimeout(
    Promise.all(clients.map((c) => pingLoop(c, pings, start, latencies))),
    budget,
    "ping round",
  );
  return latencies;
}

/** One measured round: adds its latencies, the server's CPU time and the wall time to the target. */
async function measureRound(target: Target): Promise<void> {
  const cpuBefore = processCpuMicros(target.server.pid);
  const started = performance.now();
  target.latencies.push(...(await pingAll(target.clients, PINGS_PER_ROUND)));
  target.seconds += (performance.now() - started) / 1000;
  target.cpuMicros += processCpuMicros(target.server.pid) - cpuBefore;
}

type Summary = ReturnType<typeof summary>;

function summary(target: Target) {
  return {
    cpuMicrosPerRoundTrip: target.cpuMicros / target.latencies.length,
    p50Ms: percentile(target.latencies, 50),
    p99Ms: percentile(target.latencies, 99),
    roundTripsPerSecond: target.latencies.length / target.seconds,
    rssMiB: processRssBytes(target.server.pid) / MIB,
  };
}

function result(transport: TransportName, venus: Summary, uws: Summary): BenchmarkResult {
  const metric = (name: string, unit: string, better: "lower" | "higher", key: keyof Summary) => ({
    name,
    unit,
    better,
    subject: venus[key],
    baseline: uws[key],
  });
  return {
    id: transport === "uws" ? "ws-ping" : `ws-ping-${transport}`,
    title: `WebSocket ping round trip, ${CONNECTIONS.toLocaleString("en-US")} connections, Venus on ${transport}`,
    subject: `Venus (${transport})`,
    baseline: "uWS echo",
    parameters: {
      transport,
      connections: CONNECTIONS,
      ping_interval_ms_per_connection: INTERVAL_MS,
      offered_round_trips_per_second: (CONNECTIONS * 1000) / INTERVAL_MS,
      measured_round_trips_per_server: CONNECTIONS * PINGS_PER_ROUND * ROUNDS,
    },
    metrics: [
      metric("server CPU per round trip", "µs", "lower", "cpuMicrosPerRoundTrip"),
      metric("latency p50", "ms", "lower", "p50Ms"),
      metric("latency p99", "ms", "lower", "p99Ms"),
      metric("round trips per second", "1/s", "higher", "roundTripsPerSecond"),
      metric("server RSS at end", "MiB", "lower", "rssMiB"),
    ],
  };
}

/**
 * Ping → pong round trips over 1,000 authenticated Venus WebSockets against a bare uWebSockets.js echo,
 * once per transport this Node runs (one table each).
 */
export async function benchWsPing(): Promise<BenchmarkResult[]> {
  const results: BenchmarkResult[] = [];
  for (const transport of transportsUnderTest()) results.push(await pingOnTransport(transport));
  return results;
}

function pingOnTransport(transport: TransportName): Promise<BenchmarkResult> {
  return withServer(
    () => startVenus(transport),
    (venusServer) =>
      withServer(startUwsEcho, async (uwsServer) => {
        const targets: Target[] = [];
        const addTarget = (server: BenchServer, clients: WsClient[]): Target => {
          targets.push({ server, clients, latencies: [], cpuMicros: 0, seconds: 0 });
          return targets[targets.length - 1] as Target;
        };
        try {
          progress(`ws-ping (${transport}): signing in and connecting ${CONNECTIONS} Venus sessions`);
          const logins = await signInVenus(venusServer, CONNECTIONS);
          const venus = addTarget(venusServer, await connectVenus(venusServer, logins));
          const uws = addTarget(uwsServer, await connectPlain(uwsServer, CONNECTIONS));
          progress("ws-ping: warming up, then measuring in alternating rounds");
          for (const target of targets) await pingAll(target.clients, WARMUP_PINGS);
          for (let round = 0; round < ROUNDS; round++) {
            for (const target of round % 2 === 0 ? [venus, uws] : [uws, venus]) await measureRound(target);
          }
          return result(transport, summary(venus), summary(uws));
        } finally {
          for (const target of targets) await closeAll(target.clients);
        }
      }),
  );
}

import type { WsClient } from "../packages/server/src/testing/ws-client.js";
import { sleep } from "./concurrency.js";
import { collectGarbage } from "./inspector.js";
import { MIB, processCpuMicros, processRssBytes } from "./measure.js";
import { progress, type BenchmarkResult } from "./report.js";
import { startUwsEcho, startVenus, withServer, type BenchServer } from "./servers.js";
import { assertAllOpen, closeAll, connectPlain, connectVenus, signInVenus } from "./ws-fleet.js";
import { sized } from "./quick.js";
import { transportsUnderTest } from "../packages/server/src/testing/transports.js";
import type { TransportName } from "@venus/simple-backend";

const CONNECTIONS = sized(10_000, 40);
/** Pause after connecting, so work the connections started (token rotation commits) has finished. */
const SETTLE_MS = 1_000;

interface IdleSide {
  rssPerConnection: number;
  heapPerConnection: number;
  rssMiB: number;
  cpuMicrosPerConnect: number;
}

/** Memory after a full GC: resident set and JS heap in use, in bytes. */
async function liveMemory(server: BenchServer): Promise<{ rss: number; heap: number }> {
  const heap = await collectGarbage(server.inspectorUrl);
  return { rss: processRssBytes(server.pid), heap };
}

/** Samples the server's memory, opens the connections, lets them idle, and samples again. */
async function measureSide(server: BenchServer, open: () => Promise<WsClient[]>): Promise<IdleSide> {
  const before = await liveMemory(server);
  const cpuBefore = processCpuMicros(server.pid);
  const clients = await open();
  try {
    const cpuMicros = processCpuMicros(server.pid) - cpuBefore;
    await sleep(SETTLE_MS);
    const after = await liveMemory(server);
    assertAllOpen(clients);
    return {
      rssPerConnection: (after.rss - before.rss) / clients.length,
      heapPerConnection: (after.heap - before.heap) / clients.length,
      rssMiB: after.rss / MIB,
      cpuMicrosPerConnect: cpuMicros / clients.length,
    };
  } finally {
    await closeAll(clients);
  }
}

async function venusSide(transport: TransportName): Promise<IdleSide> {
  return withServer(
    () => startVenus(transport),
    async (server) => {
      progress(`idle-memory (${transport}): signing in ${CONNECTIONS} Venus sessions`);
      const logins = await signInVenus(server, CONNECTIONS);
      progress(`idle-memory (${transport}): connecting ${CONNECTIONS} Venus WebSockets`);
      return measureSide(server, () => connectVenus(server, logins));
    },
  );
}

/**
 * Server memory per idle, authenticated Venus WebSocket at 10,000 connections, once per transport this
 * Node runs, against bare uWebSockets.js (one table per transport).
 */
export async function benchIdleMemory(): Promise<BenchmarkResult[]> {
  const sides = new Map<TransportName, IdleSide>();
  for (const transport of transportsUnderTest()) sides.set(transport, await venusSide(transport));
  progress(`idle-memory: connecting ${CONNECTIONS} uWS echo WebSockets`);
  const uws = await withServer(startUwsEcho, (server) =>
    measureSide(server, () => connectPlain(server, CONNECTIONS)),
  );
  return [...sides].map(([transport, venus]) => {
    const metric = (name: string, unit: string, key: keyof IdleSide, scale = 1) => ({
      name,
      unit,
      better: "lower" as const,
      subject: venus[key] / scale,
      baseline: uws[key] / scale,
    });
    return {
      id: transport === "uws" ? "idle-memory" : `idle-memory-${transport}`,
      title: `Idle WebSockets, ${CONNECTIONS.toLocaleString("en-US")} connections, Venus on ${transport}`,
      subject: `Venus (${transport})`,
      baseline: "uWS echo",
      parameters: { transport, connections: CONNECTIONS, memory_sampled: "after a full GC" },
      metrics: [
        metric("server memory (RSS) per connection", "KiB", "rssPerConnection", 1024),
        metric("server JS heap per connection", "KiB", "heapPerConnection", 1024),
        metric("server RSS with all connected", "MiB", "rssMiB"),
        metric("server CPU per connect", "µs", "cpuMicrosPerConnect"),
      ],
    };
  });
}

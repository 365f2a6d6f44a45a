import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { testTls } from "../packages/server/src/testing/push/test-ca.js";
import { runBenchScript } from "./child-process.js";
import { progress, type BenchmarkResult } from "./report.js";
import type { PushLoadResult } from "./push-load.js";

const LOAD_TIMEOUT_MS = 300_000;

/**
 * Pushes through the durable outbox to a local WebPush service that answers 201 at once (in this
 * process, so its work is not the measured process's), against the same messages with pushes off.
 */
export async function benchPush(): Promise<BenchmarkResult> {
  const tls = testTls();
  let received = 0;
  const service = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    req.resume().on("end", () => {
      received++;
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  // The load process trusts the throwaway CA, as a deployment with a private push service would.
  process.env.NODE_EXTRA_CA_CERTS = tls.caFile;
  try {
    const url = `https://127.0.0.1:${(service.address() as AddressInfo).port}`;
    progress("push: messages without pushes");
    const off = await runBenchScript<PushLoadResult>("push-load.ts", ["off", url], LOAD_TIMEOUT_MS);
    progress("push: messages with a push each");
    const on = await runBenchScript<PushLoadResult>("push-load.ts", ["push", url], LOAD_TIMEOUT_MS);
    if (on.pushesSent !== on.recipients || received !== on.recipients)
      throw new Error(`${on.recipients} pushes expected, ${on.pushesSent} sent, ${received} received`);
    return {
      id: "push",
      title: "Push: offline recipients each get a message, WebPush (aes128gcm + VAPID) through the outbox",
      subject: "with pushes",
      baseline: "pushes off",
      parameters: {
        offline_recipients: on.recipients,
        provider: "local WebPush service, answers 201 at once",
      },
      metrics: [
        {
          name: "messages (and their pushes) done per second",
          unit: "1/s",
          better: "higher",
          subject: on.recipients / on.deliverSeconds,
          baseline: off.recipients / off.storeSeconds,
        },
        {
          name: "messages stored per second",
          unit: "1/s",
          better: "higher",
          subject: on.recipients / on.storeSeconds,
          baseline: off.recipients / off.storeSeconds,
        },
        {
          name: "event-loop lag p99",
          unit: "ms",
          better: "lower",
          subject: on.lagP99Ms,
          baseline: off.lagP99Ms,
        },
        {
          name: "event-loop lag max",
          unit: "ms",
          better: "lower",
          subject: on.lagMaxMs,
          baseline: off.lagMaxMs,
        },
        {
          name: "main thread CPU per message",
          unit: "µs",
          better: "lower",
          subject: on.mainCpuMicros / on.recipients,
          baseline: off.mainCpuMicros / off.recipients,
        },
        {
          name: "process CPU per message (all threads)",
          unit: "µs",
          better: "lower",
          subject: on.cpuMicros / on.recipients,
          baseline: off.cpuMicros / off.recipients,
        },
      ],
    };
  } finally {
    delete process.env.NODE_EXTRA_CA_CERTS;
    service.closeAllConnections();
    service.close();
    tls.cleanup();
  }
}

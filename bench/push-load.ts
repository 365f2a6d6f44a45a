/**
 * One side of the push benchmark, in its own process: RECIPIENTS offline recipients each get one
 * message, written like chat's (a row, and with pushes on its push cause in the same commit), and
 * the push component delivers them as WebPush to the push service at argv[3]. `off` has no push
 * targets, so it writes the same messages and nothing more. Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openStore, PushCauses, WriterMetrics } from "@venus/data-common";
import { pushCauseOutboxMigration, pushCauseSenderMigration } from "@venus/database";
import { openPushComponent, setPushTarget } from "@venus/data-push";
import { VenusConfig } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import type { Counter } from "prom-client";
import { sized } from "./quick.js";

export interface PushLoadResult {
  recipients: number;
  storeSeconds: number;
  /** From the first write until the provider accepted the last push (0 when pushes are off). */
  deliverSeconds: number;
  pushesSent: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** Of every thread of the process (the encryption threads too). */
  cpuMicros: number;
  /** The main thread alone (Linux: /proc/self/task/<pid>/stat, 10 ms ticks; NaN elsewhere). */
  mainCpuMicros: number;
}

const RECIPIENTS = sized(10_000, 300);
/** A subscription's keys (the same for every recipient: the cost is per push, not per key). */
const KEYS = {
  p256dh: "BECH38PJCGcu8-nV853N57BMAdSQ58s19NdfbxwU1fXeNBZcEzav50Q9HS7XCvEcdcKYffAjeNMo-D7FkbqIK-g",
  auth: "SlwBO9FDwM0Q2hdRaZnGHQ",
};
const MIGRATIONS = [
  {
    version: 1,
    name: "bench messages",
    sql: "CREATE TABLE message (id INTEGER PRIMARY KEY, recipient TEXT, body BLOB)",
  },
  pushCauseOutboxMigration(2),
  pushCauseSenderMigration(3),
];

/** utime + stime of the main thread (its task id is the process id), in µs. */
function mainThreadCpuMicros(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return Number.NaN;
  }
}

async function run(mode: "push" | "off", pushService: string, dir: string): Promise<PushLoadResult> {
  const defaults = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" });
  const config = { ...defaults, data_dir: dir, push: { ...defaults.push, concurrency_per_provider: 32 } };
  const log = createLogger("warn", "bench-push", 2);
  const metrics = new Metrics();
  const writerMetrics = new WriterMetrics(metrics);
  const chat = openStore({ config, name: "chat", migrations: MIGRATIONS, log, writerMetrics });
  const causes = new PushCauses(chat.writer, Date.now);
  const sessions = new Map<string, { accountId: string; lastUsedAt: number }>();
  for (let i = 0; i < RECIPIENTS; i++) sessions.set(`s${i}`, { accountId: `a${i}`, lastUsedAt: 0 });
  const push = await openPushComponent({
    config,
    log,
    metrics,
    writerMetrics,
    sources: {
      session: (id) => sessions.get(id),
      isLive: () => false,
      profileName: () => undefined,
      causes: [causes],
    },
  });
  if (mode === "push")
    for (let i = 0; i < RECIPIENTS; i++)
      await setPushTarget(push.ctx, `a${i}`, `s${i}`, {
        provider: "webpush",
        endpoint: `${pushService}/push/${i}`,
        keys: KEYS,
      });
  push.start();
  const sent = metrics.registry.getSingleMetric("venus_push_sent_total") as Counter<string>;
  const sentNow = async () => (await sent.get()).values.reduce((sum, value) => sum + value.value, 0);
  const insert = chat.db.prepare("INSERT INTO message (recipient, body) VALUES (?, ?)");
  const body = Buffer.alloc(200);
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const cpuBefore = process.cpuUsage();
  const mainBefore = mainThreadCpuMicros();
  lag.enable();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RECIPIENTS }, (_, i) =>
      chat.writer.write(() => {
        insert.run(`a${i}`, body);
        causes.record(`a${i}`, "message");
      }),
    ),
  );
  const storeSeconds = (performance.now() - started) / 1000;
  const expected = mode === "push" ? RECIPIENTS : 0;
  while ((await sentNow()) < expected) await new Promise((resolve) => setTimeout(resolve, 10));
  const deliverSeconds = mode === "push" ? (performance.now() - started) / 1000 : 0;
  lag.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const mainCpu = mainThreadCpuMicros() - mainBefore;
  await push.stop();
  await Promise.all([push.writer.close(), chat.writer.close()]);
  push.db.close();
  chat.db.close();
  return {
    recipients: RECIPIENTS,
    storeSeconds,
    deliverSeconds,
    pushesSent: await sentNow(),
    lagP99Ms: lag.percentile(99) / 1e6,
    lagMaxMs: lag.max / 1e6,
    cpuMicros: cpu.user + cpu.system,
    mainCpuMicros: mainCpu,
  };
}

const [mode, pushService = ""] = process.argv.slice(2);
if (mode !== "push" && mode !== "off") throw new Error("usage: push-load.ts push|off PUSH_SERVICE_URL");
const dir = mkdtempSync(join(tmpdir(), "venus-bench-push-"));
try {
  process.stdout.write(`${JSON.stringify(await run(mode, pushService, dir))}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

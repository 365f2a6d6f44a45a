/**
 * The real `venus server` while its image worker is busy: 100 accounts each upload one photo at
 * (almost) the same moment, and one more connection pings over its WebSocket until every upload has
 * reached its final state. Ping round trips and the server's event-loop delay (from its `/metrics`)
 * are compared with the same measurement with no uploads, in the same run against the same server.
 * Runs in `npm run bench` (after `tsc -b`) or alone: `npm run build && npx tsx bench/run.ts upload-load`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import sharp from "sharp";
import type { ProcessingStatus } from "@venus/model";
import { seededRandom } from "../packages/data-profile/src/location/seeded-random.js";
import { GENEROUS_RATE_LIMITS } from "../packages/server/src/testing/config.js";
import { request } from "../packages/server/src/testing/http-client.js";
import { signUp, type SignedIn } from "../packages/server/src/testing/sign-in.js";
import { startServer, type RunningServer } from "../packages/server/src/testing/spawn-server.js";
import type { Frame, WsClient } from "../packages/server/src/testing/ws-client.js";
import { mapConcurrent, sleep, withTimeout } from "./concurrency.js";
import { MIB, percentile, processCpuMicros, processPeakRssBytes } from "./measure.js";
import { progress, type BenchmarkResult, type Metric } from "./report.js";
import { closeAll } from "./ws-fleet.js";
import { sized } from "./quick.js";

const UPLOADERS = sized(100, 8);
/** Photo-like JPEGs (gradients plus noise, quality 90): a phone photo scaled down a step. */
const WIDTH = 1024;
const HEIGHT = 768;
/** Distinct images; uploader i sends image i mod IMAGES. */
const IMAGES = 4;
const NOISE = 12;
/** The pinger's schedule: one ping per slot of INTERVAL_MS (a slot missed by a late client timer is skipped). */
const INTERVAL_MS = 20;
const BASELINE_MS = sized(10_000, 1_000);
/** The default frame rate limit (20/s) is below the pinger's 50/s; only that limit is raised. */
const WEBSOCKET_LIMITS = { messages_per_second: 200, message_burst: 400 };
const WORKER_QUEUE_SIZE = 100;
/**
 * The resolution of prom-client's `monitorEventLoopDelay` in simple-backend's Metrics: each sample
 * is the time between two 10 ms timer callbacks, so the lag is a sample minus this.
 */
const EVENT_LOOP_RESOLUTION_MS = 10;
const SIGN_IN_CONCURRENCY = 16;
const START_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 30_000;
/**
 * Set by `upload-load-detectors`: the worker runs the nudity and face detectors (about 4× the CPU
 * per image), so uploads may take minutes to drain and each job gets a generous time limit.
 */
let detectors = false;
/** Longest the whole load phase may take before the run fails (all uploads at a final state). */
const loadTimeoutMs = () => (detectors ? 1_200_000 : 180_000);
const PONG_TIMEOUT_MS = 10_000;

/** Event-loop lag in ms beyond the 10 ms timer interval. */
interface Lag {
  p50: number;
  p99: number;
  max: number;
}

/** One ping: when it was sent (ms from the start of its phase) and its round trip. */
interface Ping {
  sentMs: number;
  rttMs: number;
}

/** What one phase measured. */
interface PhaseResult {
  seconds: number;
  pings: Ping[];
  /** Event-loop lag (ms beyond the timer interval) over the phase: p50, p99, max of the server's histogram. */
  lag: Lag;
  /** The same for this process, whose event loop sends the pings and the uploads (part of every round trip). */
  clientLag: Lag;
  serverCpuMicros: number;
  workerCpuMicros: number;
  /** Time the main (event-loop) threads of the server and of this process were runnable but had no CPU. */
  serverWaitMicros: number;
  clientWaitMicros: number;
  serverPeakRss: number;
  workerPeakRss: number;
}

interface UploadOutcome {
  state: "completed" | "failed" | "refused";
  detail: string;
  /** From the start of the phase (the PUTs are sent at once) to the HTTP answer, and to the final state. */
  acceptedMs: number;
  finalMs: number;
}

/** One colour channel's smooth part, 90 · sin(x · fx + phase) · cos(y · fy − phase), as two tables. */
function wave(random: () => number) {
  const fx = (1 + random() * 4) * ((2 * Math.PI) / WIDTH);
  const fy = (1 + random() * 4) * ((2 * Math.PI) / HEIGHT);
  const phase = random() * 2 * Math.PI;
  return {
    xs: Float64Array.from({ length: WIDTH }, (_, x) => 90 * Math.sin(x * fx + phase)),
    ys: Float64Array.from({ length: HEIGHT }, (_, y) => Math.cos(y * fy - phase)),
  };
}

/** Smooth colour gradients with ±NOISE per channel, from a seeded generator: the same images every run. */
async function photo(random: () => number): Promise<Buffer> {
  const channels = [wave(random), wave(random), wave(random)];
  const pixels = new Uint8ClampedArray(WIDTH * HEIGHT * 3);
  let i = 0;
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      for (const { xs, ys } of channels) {
        pixels[i++] = 128 + (xs[x] as number) * (ys[y] as number) + (random() * 2 - 1) * NOISE;
      }
    }
  }
  return sharp(Buffer.from(pixels.buffer), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** `venus server` with generous sign-in limits and a worker queue that holds every upload. */
async function start(): Promise<RunningServer> {
  const server = await withTimeout(
    startServer({
      config: {
        rate_limits: GENEROUS_RATE_LIMITS,
        websocket: WEBSOCKET_LIMITS,
        media: {
          worker_queue_size: WORKER_QUEUE_SIZE,
          detectors: detectors ? ["nudity", "faces"] : [],
          ...(detectors && { worker_job_timeout_seconds: 120, worker_start_timeout_seconds: 120 }),
        },
      },
    }),
    START_TIMEOUT_MS,
    "start venus server",
  );
  // If the benchmark process exits (run.ts exits on any failure), the server goes with it.
  const killOnExit = () => server.process.kill("SIGKILL");
  process.on("exit", killOnExit);
  void server.exited.then(() => process.off("exit", killOnExit));
  return server;
}

async function stop(server: RunningServer): Promise<void> {
  await withTimeout(server.stop(), START_TIMEOUT_MS, "stop venus server");
  server.cleanup();
}

/** The pids of the image workers the server has started so far, from its `worker started` log lines. */
function workerPids(server: RunningServer): number[] {
  return server.output
    .filter((line) => line.includes('"msg":"worker started"'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

async function imageWorkerPid(server: RunningServer): Promise<number> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const [pid] = workerPids(server);
    if (pid !== undefined) return pid;
    await sleep(50);
  }
  throw new Error(`no "worker started" line from the server:\n${server.output.join("\n")}`);
}

/**
 * Reads the server's event-loop delay histogram from `GET /metrics`. prom-client resets the
 * histogram at every scrape, so a scrape at the start of a phase and one at its end give exactly
 * the phase's distribution. Values are lag in ms: the sample minus the 10 ms timer interval.
 */
async function scrapeLag(server: RunningServer): Promise<Lag> {
  const reply = await withTimeout(request<string>(server.url, "GET", "/metrics"), STEP_TIMEOUT_MS, "metrics");
  if (reply.status !== 200 || typeof reply.body !== "string") throw new Error(`metrics: ${reply.status}`);
  const text = reply.body;
  const read = (name: string) => {
    const match = new RegExp(`^venus_nodejs_eventloop_lag_${name}_seconds(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(
      text,
    );
    if (!match) throw new Error(`metrics: no venus_nodejs_eventloop_lag_${name}_seconds`);
    return Math.max(0, Number(match[1]) * 1000 - EVENT_LOOP_RESOLUTION_MS);
  };
  return { p50: read("p50"), p99: read("p99"), max: read("max") };
}

/** This process's own lag, read from a histogram like the server's (nanoseconds) the same way. */
function clientLag(histogram: IntervalHistogram): Lag {
  const lag = (nanos: number) => Math.max(0, nanos / 1e6 - EVENT_LOOP_RESOLUTION_MS);
  return { p50: lag(histogram.percentile(50)), p99: lag(histogram.percentile(99)), max: lag(histogram.max) };
}

/**
 * Time (µs) a process's main thread has spent runnable but waiting for a CPU, from
 * /proc/PID/schedstat (which describes the thread whose id is the pid: the event loop's).
 */
function runQueueWaitMicros(pid: number): number {
  const [, waitNanos] = readFileSync(`/proc/${pid}/schedstat`, "utf8").trim().split(" ");
  return Number(waitNanos) / 1000;
}

/** Resets a process's peak RSS (`VmHWM`) to its current RSS (Linux `/proc/PID/clear_refs`). */
function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/**
 * Pings once per INTERVAL_MS slot from `started` until `done` settles, then waits for the pongs still
 * due. Pings do not wait for earlier pongs, so a stalled server shows in every ping it holds.
 */
async function pingUntil(pinger: WsClient, started: number, done: Promise<unknown>): Promise<Ping[]> {
  const sent = new Map<number, number>();
  const pings: Ping[] = [];
  let allAnswered: (() => void) | undefined;
  const onMessage = (data: Buffer, isBinary: boolean) => {
    const received = performance.now();
    if (isBinary) return;
    const frame = JSON.parse(data.toString()) as Frame;
    const at = typeof frame.id === "number" ? sent.get(frame.id) : undefined;
    if (frame.type !== "pong" || at === undefined) return;
    sent.delete(frame.id as number);
    pings.push({ sentMs: at - started, rttMs: received - at });
    if (sent.size === 0) allAnswered?.();
  };
  pinger.socket.on("message", onMessage);
  let finished = false;
  const settled = () => (finished = true);
  void done.then(settled, settled);
  try {
    let slot = 0;
    while (!finished) {
      const wait = started + slot * INTERVAL_MS - performance.now();
      if (wait > 0) await sleep(wait);
      if (finished) break;
      sent.set(slot, performance.now());
      pinger.send({ type: "ping", id: slot });
      slot = Math.max(slot + 1, Math.floor((performance.now() - started) / INTERVAL_MS));
    }
    await withTimeout(
      new Promise<void>((resolve) => {
        allAnswered = resolve;
        if (sent.size === 0) resolve();
      }),
      PONG_TIMEOUT_MS,
      `${sent.size} pongs`,
    );
    return pings;
  } finally {
    pinger.socket.off("message", onMessage);
    pinger.discard(() => true);
  }
}

const isFinalState = (processingId: string) => (frame: Frame) => {
  const data = frame.data as ProcessingStatus | undefined;
  return (
    frame.event === "content_processing_state" &&
    data?.processing_id === processingId &&
    (data.state === "completed" || data.state === "failed")
  );
};

/** One PUT /media/upload and its final `content_processing_state` event. */
async function uploadOne(
  server: RunningServer,
  user: SignedIn,
  image: Buffer,
  started: number,
): Promise<UploadOutcome> {
  const reply = await withTimeout(
    request<ProcessingStatus>(server.url, "PUT", "/media/upload", { token: user.accessToken, body: image }),
    STEP_TIMEOUT_MS,
    "PUT /media/upload",
  );
  const acceptedMs = performance.now() - started;
  if (reply.status !== 200) {
    return {
      state: "refused",
      detail: `${reply.status} ${JSON.stringify(reply.body)}`,
      acceptedMs,
      finalMs: 0,
    };
  }
  const final = await user.ws.take(isFinalState(reply.body.processing_id), loadTimeoutMs());
  const finalMs = performance.now() - started;
  const status = final.data as ProcessingStatus;
  user.ws.discard((frame) => frame.event !== undefined);
  if (status.state === "completed") return { state: "completed", detail: "", acceptedMs, finalMs };
  return { state: "failed", detail: JSON.stringify(status), acceptedMs, finalMs };
}

/** All uploads at once; fails loudly, with counts, unless every one completed. */
async function uploadAll(
  server: RunningServer,
  users: readonly SignedIn[],
  images: readonly Buffer[],
  started: number,
): Promise<UploadOutcome[]> {
  const outcomes = await Promise.all(
    users.map((user, i) => uploadOne(server, user, images[i % images.length] as Buffer, started)),
  );
  const count = (state: UploadOutcome["state"]) => outcomes.filter((o) => o.state === state).length;
  if (count("completed") !== outcomes.length) {
    const problems = outcomes.filter((o) => o.state !== "completed").map((o) => `${o.state}: ${o.detail}`);
    throw new Error(
      `uploads: ${count("completed")} completed, ${count("failed")} failed, ${count("refused")} refused` +
        `\n${[...new Set(problems)].slice(0, 10).join("\n")}`,
    );
  }
  return outcomes;
}

/** Pings while `work` runs (with scrapes of the lag histogram and /proc readings around it). */
async function measurePhase<T>(
  server: RunningServer,
  pinger: WsClient,
  workerPid: number,
  work: (started: number) => Promise<T>,
): Promise<{ phase: PhaseResult; value: T }> {
  const serverPid = server.process.pid as number;
  for (const pid of [serverPid, workerPid]) resetPeakRss(pid);
  await scrapeLag(server);
  const serverCpu = processCpuMicros(serverPid);
  const workerCpu = processCpuMicros(workerPid);
  const serverWait = runQueueWaitMicros(serverPid);
  const clientWait = runQueueWaitMicros(process.pid);
  const histogram = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  histogram.enable();
  const started = performance.now();
  const running = work(started);
  const [value, pings] = await Promise.all([running, pingUntil(pinger, started, running)]);
  const seconds = (performance.now() - started) / 1000;
  histogram.disable();
  const phase: PhaseResult = {
    seconds,
    pings,
    serverCpuMicros: processCpuMicros(serverPid) - serverCpu,
    workerCpuMicros: processCpuMicros(workerPid) - workerCpu,
    serverWaitMicros: runQueueWaitMicros(serverPid) - serverWait,
    clientWaitMicros: runQueueWaitMicros(process.pid) - clientWait,
    serverPeakRss: processPeakRssBytes(serverPid),
    workerPeakRss: processPeakRssBytes(workerPid),
    clientLag: clientLag(histogram),
    lag: await scrapeLag(server),
  };
  return { phase, value };
}

function result(
  load: PhaseResult,
  baseline: PhaseResult,
  outcomes: UploadOutcome[],
  imageBytes: number,
): BenchmarkResult {
  const accepted = outcomes.map((o) => o.acceptedMs);
  const completed = outcomes.map((o) => o.finalMs);
  const allAcceptedMs = Math.max(...accepted);
  const processingSeconds = Math.max(...completed) / 1000;
  /** Pings sent once every upload had its HTTP answer: the worker busy, the upload burst over. */
  const afterAccepted = (p: PhaseResult) =>
    (p === load ? p.pings.filter((ping) => ping.sentMs >= allAcceptedMs) : p.pings).map((ping) => ping.rttMs);
  const rtts = (p: PhaseResult) => p.pings.map((ping) => ping.rttMs);
  const metric = (name: string, unit: string, value: (p: PhaseResult) => number): Metric => ({
    name,
    unit,
    better: "lower",
    subject: value(load),
    baseline: value(baseline),
  });
  const seconds = (micros: number) => (micros / 1e6).toFixed(1);
  return {
    id: detectors ? "upload-load-detectors" : "upload-load",
    title: `Server responsiveness while ${UPLOADERS} uploads go through the image worker${detectors ? " with its detectors" : ""}`,
    subject: `${UPLOADERS} uploads`,
    baseline: "no uploads",
    parameters: {
      images: `${IMAGES} distinct ${WIDTH}×${HEIGHT} JPEGs, ${Math.round(imageBytes / IMAGES / 1024)} KiB each`,
      ping_interval_ms: INTERVAL_MS,
      phase_seconds: `${load.seconds.toFixed(1)} under load, ${baseline.seconds.toFixed(1)} baseline`,
      pings: `${load.pings.length} under load, ${baseline.pings.length} baseline`,
      uploads_completed: `${outcomes.length} of ${UPLOADERS}`,
      all_accepted_ms: Math.round(allAcceptedMs),
      upload_to_completed_s: `p50 ${(percentile(completed, 50) / 1000).toFixed(1)}, last ${processingSeconds.toFixed(1)}`,
      images_per_second: Number((outcomes.length / processingSeconds).toFixed(2)),
      cpu_seconds_under_load: `server ${seconds(load.serverCpuMicros)}, worker ${seconds(load.workerCpuMicros)}`,
      worker_cpu_percent_of_core: Math.round(load.workerCpuMicros / 1e4 / load.seconds),
      event_loop_lag: `monitorEventLoopDelay samples − ${EVENT_LOOP_RESOLUTION_MS} ms`,
    },
    metrics: [
      metric("ping round trip p50", "ms", (p) => percentile(rtts(p), 50)),
      metric("ping round trip p99", "ms", (p) => percentile(rtts(p), 99)),
      metric("ping round trip max", "ms", (p) => Math.max(...rtts(p))),
      metric("ping round trip p99, uploads all accepted", "ms", (p) => percentile(afterAccepted(p), 99)),
      metric("ping round trip max, uploads all accepted", "ms", (p) => Math.max(...afterAccepted(p))),
      metric("server event-loop lag p50", "ms", (p) => p.lag.p50),
      metric("server event-loop lag p99", "ms", (p) => p.lag.p99),
      metric("server event-loop lag max", "ms", (p) => p.lag.max),
      metric("benchmark client event-loop lag p99", "ms", (p) => p.clientLag.p99),
      metric("benchmark client event-loop lag max", "ms", (p) => p.clientLag.max),
      metric("server CPU, % of one core", "%", (p) => p.serverCpuMicros / 1e4 / p.seconds),
      metric(
        "server event-loop thread waiting for a CPU",
        "ms/s",
        (p) => p.serverWaitMicros / 1e3 / p.seconds,
      ),
      metric(
        "benchmark client thread waiting for a CPU",
        "ms/s",
        (p) => p.clientWaitMicros / 1e3 / p.seconds,
      ),
      metric("server peak RSS", "MiB", (p) => p.serverPeakRss / MIB),
      metric("image worker peak RSS", "MiB", (p) => p.workerPeakRss / MIB),
    ],
  };
}

export async function benchUploadLoad(withDetectors = false): Promise<BenchmarkResult> {
  detectors = withDetectors;
  progress(`upload-load: generating ${IMAGES} ${WIDTH}×${HEIGHT} photos`);
  const random = seededRandom(11);
  const images: Buffer[] = [];
  for (let i = 0; i < IMAGES; i++) images.push(await photo(random));
  const imageBytes = images.reduce((sum, image) => sum + image.length, 0);

  const server = await start();
  const clients: WsClient[] = [];
  try {
    const workerPid = await imageWorkerPid(server);
    progress(`upload-load: signing up ${UPLOADERS} uploaders and a pinger`);
    const users = await mapConcurrent(
      Array.from({ length: UPLOADERS + 1 }),
      SIGN_IN_CONCURRENCY,
      async () => {
        const user = await withTimeout(signUp(server), STEP_TIMEOUT_MS, "sign up");
        clients.push(user.ws);
        return user;
      },
    );
    const pinger = (users.pop() as SignedIn).ws;

    progress(`upload-load: baseline, pinging for ${BASELINE_MS / 1000} s with no uploads`);
    const baseline = await measurePhase(server, pinger, workerPid, () => sleep(BASELINE_MS));
    progress(`upload-load: ${UPLOADERS} uploads at once, pinging until all are done`);
    const load = await measurePhase(server, pinger, workerPid, (started) =>
      withTimeout(uploadAll(server, users, images, started), loadTimeoutMs(), "uploads"),
    );
    if (workerPids(server).length !== 1) throw new Error("the image worker restarted during the run");
    return result(load.phase, baseline.phase, load.value, imageBytes);
  } finally {
    await closeAll(clients);
    await stop(server);
  }
}

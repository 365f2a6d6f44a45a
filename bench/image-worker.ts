/**
 * Images through the real `venus image-worker` child process, driven by `SupervisedWorker` as the
 * server drives it, against the same `processImage` called in this process: throughput, time per
 * image, CPU and memory. Runs in `npm run bench` (after `tsc -b`) or alone:
 * `npm run build && npx tsx bench/run.ts image-worker`.
 */
import { writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { createChecks, processImage, type ProcessResult } from "@venus/image-worker";
import { createImageWorker, imageWorkerSettings } from "@venus/data-media";
import { VenusConfig, type ImageOutput, type ImageWorkerReply } from "@venus/model";
import { createLogger, loadConfig } from "@venus/simple-backend";
import { seededRandom } from "../packages/data-profile/src/location/seeded-random.js";
import { withTimeout } from "./concurrency.js";
import { collectGarbage } from "./location-index.js";
import { MIB, percentile, processCpuMicros, processPeakRssBytes, processRssBytes } from "./measure.js";
import { progress, type BenchmarkResult } from "./report.js";
import { sized } from "./quick.js";

const VENUS_BIN = fileURLToPath(new URL("../packages/server/dist/main.js", import.meta.url));

/**
 * The server's default configuration, detectors off: this measures decoding and encoding (the
 * detectors have their own benchmark, image-detectors.ts). The worker gets the settings the server would send.
 */
const DEFAULTS = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" });
const CONFIG: VenusConfig = { ...DEFAULTS, media: { ...DEFAULTS.media, detectors: [] } };
const SETTINGS = imageWorkerSettings(CONFIG.media);
/** Distinct input images, alternately a 1600×1200 JPEG (a phone photo) and a 1024×1024 PNG (a screenshot). */
const IMAGES = 8;
const WARMUP_IMAGES = 2;
/** Short rounds alternate between the sides (ABBA) so that drift on the machine hits both alike. */
const ROUNDS = sized(8, 2);
const IMAGES_PER_ROUND = sized(4, 1);
/** Noise amplitude (±) per channel on top of smooth gradients, so the encoders do real work. */
const NOISE = 12;
const STOP_TIMEOUT_MS = 10_000;

type Process = (jobId: string, inputPath: string) => Promise<ImageOutput[]>;

/** One way of processing images, and what its measured rounds added up to. */
interface Side {
  run: Process;
  /** The process that runs sharp: the worker child, or this one. */
  pid: number;
  /** CPU time (µs) so far of the worker child; 0 in-process, where this process does all the work. */
  childCpuMicros: () => number;
  msPerImage: number[];
  seconds: number;
  callerCpuMicros: number;
  childCpuMicrosUsed: number;
  rssBeforeBytes: number;
  /** Each image's outputs, to check that both sides produce the same. */
  outputs: Map<string, string>;
}

function side(run: Process, pid: number, childCpuMicros: () => number): Side {
  return {
    run,
    pid,
    childCpuMicros,
    msPerImage: [],
    seconds: 0,
    callerCpuMicros: 0,
    childCpuMicrosUsed: 0,
    rssBeforeBytes: 0,
    outputs: new Map(),
  };
}

/** One colour channel's smooth part, 128 + 90 · sin(x · fx + phase) · cos(y · fy − phase), as two tables. */
function wave(width: number, height: number, random: () => number) {
  const fx = (1 + random() * 4) * ((2 * Math.PI) / width);
  const fy = (1 + random() * 4) * ((2 * Math.PI) / height);
  const phase = random() * 2 * Math.PI;
  return {
    xs: Float64Array.from({ length: width }, (_, x) => 90 * Math.sin(x * fx + phase)),
    ys: Float64Array.from({ length: height }, (_, y) => Math.cos(y * fy - phase)),
  };
}

/** Smooth colour gradients plus per-pixel noise, from a seeded generator: the same images every run. */
function noisyPixels(width: number, height: number, random: () => number): Buffer {
  const [r, g, b] = [wave(width, height, random), wave(width, height, random), wave(width, height, random)];
  const noise = () => (random() * 2 - 1) * NOISE;
  const pixels = new Uint8ClampedArray(width * height * 3);
  let i = 0;
  for (let y = 0; y < height; y++) {
    const [ry, gy, by] = [r.ys[y] as number, g.ys[y] as number, b.ys[y] as number];
    for (let x = 0; x < width; x++) {
      pixels[i++] = 128 + (r.xs[x] as number) * ry + noise();
      pixels[i++] = 128 + (g.xs[x] as number) * gy + noise();
      pixels[i++] = 128 + (b.xs[x] as number) * by + noise();
    }
  }
  return Buffer.from(pixels.buffer);
}

async function writeInputImages(dir: string): Promise<{ paths: string[]; bytes: number }> {
  const random = seededRandom(7);
  const paths: string[] = [];
  let bytes = 0;
  for (let i = 0; i < IMAGES; i++) {
    const photo = i % 2 === 0;
    const [width, height] = photo ? [1600, 1200] : [1024, 1024];
    const image = sharp(noisyPixels(width, height, random), { raw: { width, height, channels: 3 } });
    const data = await (photo ? image.jpeg({ quality: 90 }) : image.png()).toBuffer();
    const path = join(dir, `input-${i}.${photo ? "jpg" : "png"}`);
    await writeFile(path, data);
    paths.push(path);
    bytes += data.length;
  }
  return { paths, bytes };
}

function outputsOf(jobId: string, reply: ImageWorkerReply | ProcessResult): ImageOutput[] {
  if ("outputs" in reply) return reply.outputs;
  throw new Error(`image ${jobId} refused: ${JSON.stringify(reply)}`);
}

/** Resets a process's peak RSS (`VmHWM`) to its current RSS (Linux `/proc/PID/clear_refs`). */
function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/** The images one at a time, as the worker takes them; adds times and CPU to the side. */
async function round(target: Side, paths: readonly string[], first: number, count: number): Promise<void> {
  const callerCpu = process.cpuUsage();
  const childCpu = target.childCpuMicros();
  const started = performance.now();
  for (let i = first; i < first + count; i++) {
    const jobId = `img${i}`;
    const imageStarted = performance.now();
    const outputs = await target.run(jobId, paths[i] as string);
    target.msPerImage.push(performance.now() - imageStarted);
    target.outputs.set(jobId, JSON.stringify(outputs));
  }
  target.seconds += (performance.now() - started) / 1000;
  target.childCpuMicrosUsed += target.childCpuMicros() - childCpu;
  const used = process.cpuUsage(callerCpu);
  target.callerCpuMicros += used.user + used.system;
}

type Summary = ReturnType<typeof summary>;

function summary(target: Side) {
  const images = target.msPerImage.length;
  return {
    imagesPerSecond: images / target.seconds,
    p50Ms: percentile(target.msPerImage, 50),
    maxMs: Math.max(...target.msPerImage),
    cpuMsPerImage: (target.callerCpuMicros + target.childCpuMicrosUsed) / images / 1000,
    callerCpuMsPerImage: target.callerCpuMicros / images / 1000,
    rssBeforeMiB: target.rssBeforeBytes / MIB,
    peakRssMiB: processPeakRssBytes(target.pid) / MIB,
  };
}

function result(worker: Summary, local: Summary, inputMiB: number): BenchmarkResult {
  const metric = (name: string, unit: string, better: "lower" | "higher", key: keyof Summary) => ({
    name,
    unit,
    better,
    subject: worker[key],
    baseline: local[key],
  });
  return {
    id: "image-worker",
    title: "Image worker: uploads re-encoded to 5 JPEG sizes",
    subject: "worker process",
    baseline: "in-process sharp",
    parameters: {
      images: `${IMAGES} (1600×1200 JPEG and 1024×1024 PNG alternately, ${inputMiB.toFixed(1)} MiB)`,
      sizes: SETTINGS.sizes.join("/"),
      jpeg_quality: SETTINGS.jpeg_quality,
      measured_images_per_side: ROUNDS * IMAGES_PER_ROUND,
      jobs_in_flight: 1,
    },
    metrics: [
      metric("images per second", "1/s", "higher", "imagesPerSecond"),
      metric("time per image p50", "ms", "lower", "p50Ms"),
      metric("time per image, slowest", "ms", "lower", "maxMs"),
      metric("CPU per image, all processes", "ms", "lower", "cpuMsPerImage"),
      metric("CPU per image, calling process", "ms", "lower", "callerCpuMsPerImage"),
      metric("RSS after warm-up, process running sharp", "MiB", "lower", "rssBeforeMiB"),
      metric("peak RSS in the rounds, process running sharp", "MiB", "lower", "peakRssMiB"),
    ],
  };
}

/**
 * The same images, one job at a time, through `venus image-worker` (the worker's CPU and memory
 * from /proc) and through `processImage` in this process; checks that both produce the same files.
 */
export async function benchImageWorker(): Promise<BenchmarkResult> {
  const dir = await mkdtemp(join(tmpdir(), "venus-bench-image-"));
  const worker = createImageWorker(CONFIG, createLogger("warn", "bench", 2), {
    command: process.execPath,
    args: [VENUS_BIN, "image-worker"],
  });
  try {
    progress(`image-worker: generating ${IMAGES} input images`);
    const inputDir = join(dir, "input");
    const workerDir = join(dir, "worker");
    const localDir = join(dir, "in-process");
    for (const path of [inputDir, workerDir, localDir]) await mkdir(path);
    const { paths, bytes } = await writeInputImages(inputDir);

    const checks = await createChecks(SETTINGS);
    const local = side(
      async (jobId, inputPath) =>
        outputsOf(jobId, await processImage({ jobId, inputPath, outputDir: localDir }, SETTINGS, checks)),
      process.pid,
      () => 0,
    );
    worker.start();
    const pid = worker.pid;
    if (pid === undefined) throw new Error("image worker did not start");
    const remote = side(
      async (jobId, inputPath) =>
        outputsOf(
          jobId,
          await worker.request({ type: "job", job_id: jobId, input_path: inputPath, output_dir: workerDir }),
        ),
      pid,
      () => processCpuMicros(pid),
    );

    progress("image-worker: warming up, then measuring in alternating rounds");
    for (const target of [remote, local]) {
      // Into a throwaway side: the warm-up (which also starts the worker) is not measured.
      await round(
        side(target.run, target.pid, () => 0),
        paths,
        0,
        WARMUP_IMAGES,
      );
    }
    // Garbage from generating the inputs goes before this process's memory is sampled.
    collectGarbage()();
    for (const target of [remote, local]) {
      resetPeakRss(target.pid);
      target.rssBeforeBytes = processRssBytes(target.pid);
    }
    for (let n = 0; n < ROUNDS; n++) {
      const first = (n * IMAGES_PER_ROUND) % IMAGES;
      for (const target of n % 2 === 0 ? [remote, local] : [local, remote]) {
        await round(target, paths, first, IMAGES_PER_ROUND);
      }
    }
    for (const [jobId, outputs] of local.outputs) {
      if (remote.outputs.get(jobId) !== outputs) throw new Error(`${jobId}: the two sides' outputs differ`);
    }
    if (worker.pid !== pid) throw new Error("the image worker restarted during the run");
    return result(summary(remote), summary(local), bytes / MIB);
  } finally {
    await withTimeout(worker.stop(), STOP_TIMEOUT_MS, "stop image worker");
    await rm(dir, { recursive: true, force: true });
  }
}

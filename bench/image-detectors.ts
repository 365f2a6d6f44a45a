/**
 * The image worker with its detectors (nudity, faces) against the same worker with them off, in the
 * same run on the same photos: images per second (the ratio is what the detectors cost), time per
 * image, worker CPU and peak RSS. The photos are @vladmandic/face-api's demo photos (1920 px group
 * photos, from its npm package). Runs in `npm run bench` (after `tsc -b`) or alone:
 * `npm run build && npx tsx bench/run.ts image-detectors`.
 */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createImageWorker, type ImageWorker } from "@venus/data-media";
import { VenusConfig, type DetectorName } from "@venus/model";
import { createLogger, loadConfig } from "@venus/simple-backend";
import { MIB, percentile, processCpuMicros, processPeakRssBytes } from "./measure.js";
import { progress, type BenchmarkResult } from "./report.js";
import { sized } from "./quick.js";

const VENUS_BIN = fileURLToPath(new URL("../packages/server/dist/main.js", import.meta.url));
const DEMO = join(createRequire(import.meta.url).resolve("@vladmandic/face-api/package.json"), "../demo");
const PHOTOS = sized(4, 2);
/** Rounds alternate between the sides (ABBA), so drift on a shared machine hits both alike. */
const ROUNDS = sized(4, 2);
const DEFAULTS = loadConfig({ schema: VenusConfig, env: {}, envPrefix: "VENUS_" });

interface Side {
  worker: ImageWorker;
  pid: number;
  msPerImage: number[];
  seconds: number;
  cpuMicros: number;
  readySeconds: number;
}

async function startSide(detectors: DetectorName[]): Promise<Side> {
  const config: VenusConfig = {
    ...DEFAULTS,
    media: {
      ...DEFAULTS.media,
      detectors,
      worker_job_timeout_seconds: 120,
      worker_start_timeout_seconds: 120,
    },
  };
  const worker = createImageWorker(config, createLogger("warn", "bench", 2), {
    command: process.execPath,
    args: [VENUS_BIN, "image-worker"],
  });
  worker.start();
  const pid = worker.pid;
  if (pid === undefined) throw new Error("image worker did not start");
  return { worker, pid, msPerImage: [], seconds: 0, cpuMicros: 0, readySeconds: performance.now() };
}

async function run(
  side: Side,
  paths: readonly string[],
  outputDir: string,
  measured: boolean,
): Promise<void> {
  const cpu = processCpuMicros(side.pid);
  const started = performance.now();
  for (const [i, path] of paths.entries()) {
    const imageStarted = performance.now();
    const reply = await side.worker.request({
      type: "job",
      job_id: `p${i}`,
      input_path: path,
      output_dir: outputDir,
    });
    if (reply.type !== "done") throw new Error(`photo ${path} refused: ${JSON.stringify(reply)}`);
    if (measured) side.msPerImage.push(performance.now() - imageStarted);
  }
  if (!measured) {
    // The warm-up's first request waited for the worker's start-up: started once, from startSide.
    side.readySeconds = (performance.now() - side.readySeconds) / 1000;
    return;
  }
  side.seconds += (performance.now() - started) / 1000;
  side.cpuMicros += processCpuMicros(side.pid) - cpu;
}

export async function benchImageDetectors(): Promise<BenchmarkResult> {
  const dir = await mkdtemp(join(tmpdir(), "venus-bench-detectors-"));
  const sides: Side[] = [];
  try {
    const paths: string[] = [];
    for (let i = 1; i <= PHOTOS; i++) {
      paths.push(join(dir, `photo${i}.jpg`));
      await copyFile(join(DEMO, `sample${i}.jpg`), paths[i - 1] as string);
    }
    await mkdir(join(dir, "out"));
    progress("image-detectors: starting a worker with detectors and one without, warming up");
    // Warm-up, one side after the other: the first job waits for the worker's start-up (loading the
    // models) and is not in the rounds.
    for (const detectors of [["nudity", "faces"], []] as DetectorName[][]) {
      const side = await startSide(detectors);
      sides.push(side);
      await run(side, paths.slice(0, 1), join(dir, "out"), false);
    }
    const [on, off] = sides as [Side, Side];
    for (let r = 0; r < ROUNDS; r++) {
      progress(`image-detectors: round ${r + 1} of ${ROUNDS}`);
      for (const side of r % 2 === 0 ? [on, off] : [off, on]) await run(side, paths, join(dir, "out"), true);
    }
    const summary = (side: Side) => ({
      imagesPerSecond: side.msPerImage.length / side.seconds,
      p50Ms: percentile(side.msPerImage, 50),
      maxMs: Math.max(...side.msPerImage),
      cpuMsPerImage: side.cpuMicros / side.msPerImage.length / 1000,
      peakRssMiB: processPeakRssBytes(side.pid) / MIB,
      firstJobSeconds: side.readySeconds,
    });
    const [subject, baseline] = [summary(on), summary(off)];
    const metric = (name: string, unit: string, better: "lower" | "higher", key: keyof typeof subject) => ({
      name,
      unit,
      better,
      subject: subject[key],
      baseline: baseline[key],
    });
    return {
      id: "image-detectors",
      title: "Image worker with the nudity and face detectors",
      subject: "detectors on",
      baseline: "detectors off",
      parameters: {
        photos: `${PHOTOS} (face-api demo photos, 1920 px JPEG, 3–5 faces each)`,
        measured_images_per_side: ROUNDS * PHOTOS,
        jobs_in_flight: 1,
      },
      metrics: [
        metric("images per second", "1/s", "higher", "imagesPerSecond"),
        metric("time per image p50", "ms", "lower", "p50Ms"),
        metric("time per image, slowest", "ms", "lower", "maxMs"),
        metric("worker CPU per image", "ms", "lower", "cpuMsPerImage"),
        metric("worker peak RSS", "MiB", "lower", "peakRssMiB"),
        metric("start-up and first job", "s", "lower", "firstJobSeconds"),
      ],
    };
  } finally {
    await Promise.all(sides.map((side) => side.worker.stop()));
    await rm(dir, { recursive: true, force: true });
  }
}

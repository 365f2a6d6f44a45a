import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageJob, ImageWorkerReply, ImageWorkerSettings } from "@venus/model";
import {
  encodeFrame,
  FrameDecoder,
  SupervisedWorker,
  WorkerTimeoutError,
  createLogger,
} from "@venus/simple-backend";
import { aspectRatioCheck, type ImageCheck } from "../checks.js";
import { samplePath } from "../testing/face-samples.js";
import * as images from "../testing/test-images.js";
import { runImageWorker } from "../worker-main.js";

/** The limits of the real `venus image-worker` (built by `tsc -b`) still hold with both detectors on. */
const VENUS_BIN = fileURLToPath(new URL("../../../server/dist/main.js", import.meta.url));
const SETTINGS: ImageWorkerSettings = {
  ...images.TEST_SETTINGS,
  max_pixels: 4_000_000,
  checks: { max_aspect_ratio: 3, detectors: ["nudity", "faces"], face_min_confidence: 0.5 },
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "venus-detectors-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function worker(jobTimeoutMs: number) {
  return new SupervisedWorker<ImageJob, ImageWorkerReply>({
    name: "image-worker",
    command: process.execPath,
    args: [VENUS_BIN, "image-worker"],
    initMessage: SETTINGS,
    log: createLogger("silent", "test"),
    isReady: (value) => (value as { type?: string }).type === "ready",
    jobTimeoutMs,
    startTimeoutMs: 120_000,
  });
}
const job = (id: string, input: string): ImageJob => ({
  type: "job",
  job_id: id,
  input_path: input,
  output_dir: dir,
});

describe("image worker with detectors", () => {
  it("answers a photo with its analysis and still refuses a decompression bomb from its header", async () => {
    const photo = path.join(dir, "photo.jpg");
    const bomb = path.join(dir, "bomb.png");
    await copyFile(samplePath(1), photo); // 1920×1280 = 2.5 Mpx, under the 4 Mpx limit
    await writeFile(bomb, await images.pngWithClaimedSize(30_000, 30_000));
    const running = worker(60_000);
    running.start();
    try {
      const done = await running.request(job("photo", photo));
      expect(done.type).toBe("done");
      const analysis = done.type === "done" ? done.analysis : {};
      expect(analysis.faces).toHaveLength(3);
      expect(analysis.face_descriptor).toHaveLength(128);
      expect(analysis.nudity?.neutral).toBeGreaterThan(0.5);
      expect(await running.request(job("bomb", bomb))).toMatchObject({ reason: "too_many_pixels" });
    } finally {
      await running.stop();
    }
  }, 180_000);

  it("still kills a job that runs over the time limit", async () => {
    const photo = path.join(dir, "slow.jpg");
    await copyFile(samplePath(4), photo);
    const running = worker(1); // no photo is analysed within a millisecond
    running.start();
    try {
      await expect(running.request(job("slow", photo))).rejects.toBeInstanceOf(WorkerTimeoutError);
    } finally {
      await running.stop();
    }
  }, 180_000);

  it("answers failed (internal) when a detector throws, and takes the next job", async () => {
    const input = path.join(dir, "plain.png");
    await writeFile(input, await images.png(600, 600));
    let calls = 0;
    const flaky: ImageCheck = {
      name: "flaky",
      run: () => {
        calls += 1;
        if (calls === 1) throw new Error("detector crashed");
        return { pass: true, findings: { faces: [] } };
      },
    };
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const replies: unknown[] = [];
    const decoder = new FrameDecoder();
    stdout.on("data", (chunk: Buffer) => replies.push(...decoder.push(chunk)));
    const exit = runImageWorker(stdin, stdout, createLogger("silent", "test"), async (settings) => [
      aspectRatioCheck(settings.checks.max_aspect_ratio),
      flaky,
    ]);
    stdin.write(encodeFrame(images.TEST_SETTINGS));
    stdin.write(encodeFrame(job("a", input)));
    stdin.end(encodeFrame(job("b", input)));
    expect(await exit).toBe(0);
    expect(replies[1]).toEqual({ type: "failed", job_id: "a", reason: "internal" });
    expect(replies[2]).toMatchObject({ type: "done", job_id: "b", analysis: { faces: [] } });
  });
});

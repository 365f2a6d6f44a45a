import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder } from "@venus/simple-backend";
import * as images from "./testing/test-images.js";

/** Talks to the real `venus image-worker` process (built by `tsc -b`) over its stdin and stdout. */
const VENUS_BIN = fileURLToPath(new URL("../../server/dist/main.js", import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "venus-image-worker-process-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("venus image-worker", () => {
  it("answers the settings with ready, then jobs sent as frames, and exits 0 when stdin ends", async () => {
    const good = path.join(dir, "good.upload");
    const bad = path.join(dir, "bad.upload");
    await writeFile(good, await images.png(1000, 800));
    await writeFile(bad, "not an image");

    const child = spawn(process.execPath, [VENUS_BIN, "image-worker"], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const decoder = new FrameDecoder();
    const replies: unknown[] = [];
    child.stdout.on("data", (chunk: Buffer) => replies.push(...decoder.push(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    // Settings and first job in one write, the second job split across two writes.
    child.stdin.write(
      Buffer.concat([
        encodeFrame(images.TEST_SETTINGS),
        encodeFrame({ type: "job", job_id: "one", input_path: good, output_dir: dir }),
      ]),
    );
    const second = encodeFrame({ type: "job", job_id: "two", input_path: bad, output_dir: dir });
    child.stdin.write(second.subarray(0, 3));
    child.stdin.end(second.subarray(3));

    expect(await exited).toBe(0);
    expect(replies).toEqual([
      { type: "ready" },
      {
        type: "done",
        job_id: "one",
        outputs: [
          { size: 1280, width: 1000, height: 800, file: "one_1280.jpg" },
          { size: 854, width: 854, height: 683, file: "one_854.jpg" },
          { size: 640, width: 640, height: 512, file: "one_640.jpg" },
          { size: 426, width: 426, height: 341, file: "one_426.jpg" },
          { size: 256, width: 256, height: 205, file: "one_256.jpg" },
        ],
        analysis: {},
      },
      { type: "failed", job_id: "two", reason: "not_an_image" },
    ]);
    expect((await readdir(dir)).filter((file) => file.startsWith("one_")).sort()).toHaveLength(5);
    expect(stderr).toContain("image worker ready");
  });

  it("exits 2 when the first frame is not the settings", async () => {
    const child = spawn(process.execPath, [VENUS_BIN, "image-worker"], { stdio: ["pipe", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let stdout = 0;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.length));
    child.stdin.end(encodeFrame({ type: "job", job_id: "x", input_path: "/nonexistent", output_dir: dir }));
    expect(await exited).toBe(2);
    expect(stdout).toBe(0);
  });
});

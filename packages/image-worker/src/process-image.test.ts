import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageWorkerSettings } from "@venus/model";
import { createChecks } from "./checks.js";
import { processImage } from "./process-image.js";
import * as images from "./testing/test-images.js";

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "venus-image-worker-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(bytes: Buffer, settings: ImageWorkerSettings = images.TEST_SETTINGS, name = "upload.bin") {
  const jobId = `job${++counter}`;
  const outputDir = path.join(dir, jobId);
  await mkdir(outputDir);
  const inputPath = path.join(outputDir, name);
  await writeFile(inputPath, bytes);
  const result = await processImage({ jobId, inputPath, outputDir }, settings, await createChecks(settings));
  return { result, outputDir };
}

describe("processImage", () => {
  it("auto-orients a JPEG and strips EXIF, GPS included", async () => {
    const input = await images.jpegWithOrientationAndGps(1200, 900);
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes("VenusCam")).toBe(true);
    expect(before.exif?.includes("VENUSGPS")).toBe(true);

    const { result, outputDir } = await run(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outputs.map((o) => o.size)).toEqual([1280, 854, 640, 426, 256]);
    expect(result.outputs[0]).toMatchObject({ size: 1280, width: 900, height: 1200 });
    expect(result.outputs[1]).toMatchObject({ size: 854, width: 641, height: 854 });
    for (const output of result.outputs) {
      const bytes = await readFile(path.join(outputDir, output.file));
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: "jpeg", width: output.width, height: output.height });
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(bytes.includes("VenusCam")).toBe(false);
      expect(bytes.includes("VENUSGPS")).toBe(false);
    }
    // The red marker was top-left before rotating 90° clockwise, so it is now top-right.
    const largest = await readFile(path.join(outputDir, result.outputs[0]!.file));
    const { data, info } = await sharp(largest).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    expect(pixel(info.width - 20, 20)[0]).toBeGreaterThan(200);
    expect(pixel(20, 20)[0]).toBeLessThan(100);
    const files = await readdir(outputDir);
    expect(files.filter((file) => file.endsWith(".tmp"))).toEqual([]);
  });

  it("accepts PNG and WebP by content, whatever the name", async () => {
    for (const bytes of [await images.png(800, 600), await images.webp(800, 600)]) {
      const { result } = await run(bytes, images.TEST_SETTINGS, "photo.gif");
      expect(result).toMatchObject({ ok: true });
    }
  });

  it("refuses a text file named .jpg as not_an_image", async () => {
    const { result } = await run(
      Buffer.from("hello, this is not a picture\n".repeat(50)),
      undefined,
      "a.jpg",
    );
    expect(result).toMatchObject({ ok: false, reason: "not_an_image" });
  });

  it("refuses a JPEG magic number followed by garbage", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
    const { result } = await run(bytes);
    expect(result.ok).toBe(false);
  });

  it("refuses a truncated JPEG as corrupt_image", async () => {
    const whole = await images.jpeg(800, 600);
    const { result } = await run(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(result).toMatchObject({ ok: false, reason: "corrupt_image" });
  });

  it("refuses a GIF as unsupported_format", async () => {
    const { result } = await run(await images.gif(800, 600));
    expect(result).toMatchObject({ ok: false, reason: "unsupported_format", detail: "gif" });
  });

  it("refuses a side of 511 px and accepts 512 px", async () => {
    expect((await run(await images.jpeg(511, 700))).result).toMatchObject({ ok: false, reason: "too_small" });
    expect((await run(await images.jpeg(512, 700))).result).toMatchObject({ ok: true });
  });

  it("refuses too many pixels from the header alone, without decoding", async () => {
    const small = { ...images.TEST_SETTINGS, max_pixels: 1_000_000 };
    expect((await run(await images.jpeg(1001, 1000), small)).result).toMatchObject({
      ok: false,
      reason: "too_many_pixels",
    });
    // A bomb's header: it claims 30000 × 30000 but holds 16 × 16 pixels, so decoding would fail as
    // corrupt; the answer is too_many_pixels, so the pixels were never decoded.
    const bomb = await images.pngWithClaimedSize(30_000, 30_000);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(30_000);
    expect((await run(bomb)).result).toMatchObject({ ok: false, reason: "too_many_pixels" });
  });

  it("never upscales: sizes above the source collapse into one at the source size", async () => {
    const { result } = await run(await images.jpeg(700, 600));
    expect(result.ok && result.outputs.map(({ size, width, height }) => [size, width, height])).toEqual([
      [854, 700, 600],
      [640, 640, 549],
      [426, 426, 365],
      [256, 256, 219],
    ]);
  });

  it("runs the checks after decoding: a panorama fails the aspect ratio check", async () => {
    const { result } = await run(await images.jpeg(2000, 600));
    expect(result).toMatchObject({ ok: false, reason: "check_failed", detail: "aspect_ratio" });
  });
});

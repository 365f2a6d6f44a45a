import { existsSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import type { ProcessingFailureReason, ProcessingStatus } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { completeSetup, expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import {
  accountMediaDir,
  expectNoUploadsLeft,
  fetchImage,
  filesIn,
  ownContent,
  testImages,
} from "../testing/media-disk.js";
import {
  finalState,
  mediaChanged,
  setUpMedia,
  testJpeg,
  upload,
  uploadImage,
} from "../testing/media-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp, type SignedIn } from "../testing/sign-in.js";

const ADMIN_EMAIL = "media-admin@example.com";
/** Small, so that an oversized body still fits in the socket buffers and its 413 can be read. */
const MAX_UPLOAD_BYTES = 128 * 1024;

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    media: { max_upload_bytes: MAX_UPLOAD_BYTES, delete_wait_days: 0 },
  },
});

const PROCESSING_ID = expect.stringMatching(/^[A-Za-z0-9_-]{22}$/);

/** Uploads, expects 200, and waits for the final event; returns the answer, the events and the final state. */
async function uploadAndWait(user: SignedIn, bytes: Buffer) {
  const started = await upload(fixture.server, user, bytes);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const { status, earlier } = await finalState(user, started.body.processing_id);
  return { started: started.body, earlier, status };
}

describe("an upload", () => {
  test("is processing, then completed; listed as waiting with its sizes largest first; each size served as a JPEG", async () => {
    const user = await signUp(fixture.server);
    const { started, earlier, status } = await uploadAndWait(user, await testJpeg(2000, 1500));
    // The first upload after start-up may wait for the worker to say it is ready.
    const queued = { processing_id: started.processing_id, state: "in_queue", position: 1 };
    const processing = { processing_id: started.processing_id, state: "processing" };
    if (started.state === "in_queue") {
      expect(started).toEqual(queued);
      expect(earlier).toEqual([queued, processing]);
    } else {
      expect(started).toEqual({ processing_id: PROCESSING_ID, state: "processing" });
      expect(earlier).toEqual([processing]);
    }
    expect(status).toEqual({
      processing_id: started.processing_id,
      state: "completed",
      content_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
    if (status.state !== "completed") throw new Error("the upload did not complete");
    const contentId = status.content_id;

    const polled = await request(fixture.server.url, "GET", `/media/upload/${started.processing_id}`, {
      token: user.accessToken,
    });
    expect(polled.status).toBe(200);
    expect(polled.body).toEqual(status);
    expectError(
      await request(fixture.server.url, "GET", `/media/upload/${"x".repeat(22)}`, {
        token: user.accessToken,
      }),
      404,
      "not_found",
    );

    const sizes = [
      { size: 1280, width: 1280, height: 960 },
      { size: 854, width: 854, height: 641 },
      { size: 640, width: 640, height: 480 },
      { size: 426, width: 426, height: 320 },
      { size: 256, width: 256, height: 192 },
    ];
    expect(await ownContent(fixture.server, user)).toEqual({
      items: [
        {
          content_id: contentId,
          state: "waiting",
          rejection: null,
          sizes,
          uploaded_at: expect.any(Number),
          in_use: false,
        },
      ],
      max_items: 20,
      uploads_left_today: 49,
      version: expect.any(Number),
    });
    expect(await filesIn(accountMediaDir(fixture.server, user.accountId))).toEqual(
      sizes.map(({ size }) => `${contentId}_${size}.jpg`).sort(),
    );
    await expectNoUploadsLeft(fixture.server);

    for (const { size, width, height } of sizes) {
      const served = await fetchImage(fixture.server, user, user.accountId, contentId, size);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/jpeg");
      expect(served.headers.get("cache-control")).toContain("immutable");
      expect(served.headers.get("etag")).toEqual(expect.any(String));
      expect(await sharp(served.body).metadata()).toMatchObject({ format: "jpeg", width, height });
    }
    // ?size= picks the smallest stored size at least that large; none asked is the largest.
    const between = await fetchImage(fixture.server, user, user.accountId, contentId, 300);
    expect(await sharp(between.body).metadata()).toMatchObject({ width: 426, height: 320 });
    const largest = await fetchImage(fixture.server, user, user.accountId, contentId);
    expect(await sharp(largest.body).metadata()).toMatchObject({ width: 1280, height: 960 });
    const etag = largest.headers.get("etag") ?? "";
    const again = await fetchImage(fixture.server, user, user.accountId, contentId, undefined, {
      "if-none-match": etag,
    });
    expect(again.status).toBe(304);
    user.ws.close();
  });

  test("is never upscaled: a 700 × 600 image is stored at most 700 px on its long edge", async () => {
    const user = await signUp(fixture.server);
    const contentId = await uploadImage(fixture.server, user, await testJpeg(700, 600));
    const [item] = (await ownContent(fixture.server, user)).items;
    expect(item?.sizes).toEqual([
      { size: 854, width: 700, height: 600 },
      { size: 640, width: 640, height: 549 },
      { size: 426, width: 426, height: 365 },
      { size: 256, width: 256, height: 219 },
    ]);
    for (const { size, width, height } of item?.sizes ?? []) {
      const served = await fetchImage(fixture.server, user, user.accountId, contentId, size);
      expect(await sharp(served.body).metadata()).toMatchObject({ format: "jpeg", width, height });
    }
    user.ws.close();
  });

  test("PNG and WebP are accepted by their content, whatever the Content-Type says", async () => {
    const user = await signUp(fixture.server);
    for (const bytes of [await testImages.png(800, 600), await testImages.webp(600, 800)]) {
      const started = await request<ProcessingStatus>(fixture.server.url, "PUT", "/media/upload", {
        token: user.accessToken,
        body: bytes,
        headers: { "content-type": "image/jpeg" },
      });
      expect(started.status).toBe(200);
      expect((await finalState(user, started.body.processing_id)).status.state).toBe("completed");
    }
    const items = (await ownContent(fixture.server, user)).items;
    expect(items.map((item) => item.sizes[0])).toEqual([
      { size: 854, width: 800, height: 600 },
      { size: 854, width: 600, height: 800 },
    ]);
    user.ws.close();
  });
});

describe("EXIF", () => {
  test("GPS and every other metadata are gone from each stored size, and the orientation is applied", async () => {
    const user = await signUp(fixture.server);
    // Stored 1200 × 900, EXIF orientation 6: displayed as 900 × 1200 (portrait).
    const input = await testImages.jpegWithOrientationAndGps(1200, 900);
    const before = await sharp(input).metadata();
    expect(before).toMatchObject({ width: 1200, height: 900, orientation: 6 });
    expect(input.includes("VENUSGPS")).toBe(true);

    const contentId = await uploadImage(fixture.server, user, input);
    const [item] = (await ownContent(fixture.server, user)).items;
    expect(item?.sizes[0]).toEqual({ size: 1280, width: 900, height: 1200 });
    for (const { size, width, height } of item?.sizes ?? []) {
      const served = await fetchImage(fixture.server, user, user.accountId, contentId, size);
      expect(served.status).toBe(200);
      const meta = await sharp(served.body).metadata();
      expect(meta).toMatchObject({ format: "jpeg", width, height });
      expect(height).toBeGreaterThan(width);
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(served.body.includes("VENUSGPS")).toBe(false);
      expect(served.body.includes("VenusCam")).toBe(false);
    }
    // The red block was top-left before turning 90° clockwise: it is now top-right.
    const largest = await fetchImage(fixture.server, user, user.accountId, contentId, 1280);
    const { data, info } = await sharp(largest.body).raw().toBuffer({ resolveWithObject: true });
    const red = (x: number, y: number) => data[(y * info.width + x) * info.channels] ?? 0;
    expect(red(info.width - 20, 20)).toBeGreaterThan(200);
    expect(red(20, 20)).toBeLessThan(100);
    user.ws.close();
  });
});

describe("a refused upload", () => {
  let user: SignedIn;
  beforeAll(async () => {
    user = await signUp(fixture.server);
  });

  const truncated = async () => {
    const whole = await testJpeg(1000, 800);
    return whole.subarray(0, Math.floor(whole.length / 2));
  };
  const magicOverwritten = (magic: number[]) => async () => {
    const bytes = Buffer.from(await testJpeg(800, 600));
    Buffer.from(magic).copy(bytes);
    return bytes;
  };
  const text = async () => Buffer.from("these are not the pixels you are looking for\n".repeat(40));
  const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const cases: { name: string; make: () => Promise<Buffer>; reason: ProcessingFailureReason }[] = [
    { name: "text", make: text, reason: "not_an_image" },
    {
      name: "a JPEG whose magic bytes are zeroed",
      make: magicOverwritten([0, 0, 0, 0]),
      reason: "not_an_image",
    },
    { name: "a JPEG that starts like a PNG", make: magicOverwritten(pngSignature), reason: "not_an_image" },
    { name: "a GIF", make: () => testImages.gif(800, 600), reason: "unsupported_format" },
    { name: "400 × 800 px", make: () => testImages.jpeg(400, 800), reason: "too_small" },
    {
      name: "a PNG whose header claims 30000 × 30000 px",
      make: () => testImages.pngWithClaimedSize(30_000, 30_000),
      reason: "too_many_pixels",
    },
    { name: "a JPEG cut in half", make: truncated, reason: "corrupt_image" },
    { name: "an aspect ratio over 3", make: () => testImages.jpeg(1800, 580), reason: "check_failed" },
  ];

  test.each(cases)("$name fails as $reason and stores nothing", async ({ make, reason }) => {
    const { started, status } = await uploadAndWait(user, await make());
    expect(status).toEqual({ processing_id: started.processing_id, state: "failed", reason });
    const polled = await request(fixture.server.url, "GET", `/media/upload/${started.processing_id}`, {
      token: user.accessToken,
    });
    expect(polled.body).toEqual(status);
    expect((await ownContent(fixture.server, user)).items).toEqual([]);
    expect(await filesIn(accountMediaDir(fixture.server, user.accountId))).toEqual([]);
    await expectNoUploadsLeft(fixture.server);
  });

  test("an empty body is validation_failed", async () => {
    expectError(await upload(fixture.server, user, Buffer.alloc(0)), 400, "validation_failed");
  });

  test("a body over media.max_upload_bytes is payload_too_large; one at the limit is read", async () => {
    expectError(
      await upload(fixture.server, user, Buffer.alloc(MAX_UPLOAD_BYTES + 1, "a")),
      413,
      "payload_too_large",
    );
    const { status } = await uploadAndWait(user, Buffer.alloc(MAX_UPLOAD_BYTES, "a"));
    expect(status).toMatchObject({ state: "failed", reason: "not_an_image" });
    expect((await ownContent(fixture.server, user)).items).toEqual([]);
    await expectNoUploadsLeft(fixture.server);
  });

  test("failed uploads count against the day's uploads", async () => {
    // Each refused image and the text at the limit count; the empty and oversized bodies never started.
    expect((await ownContent(fixture.server, user)).uploads_left_today).toBe(50 - cases.length - 1);
    user.ws.close();
  });
});

describe("deleting content", () => {
  test("in use is content_in_use; unknown is not_found; deleted is unlisted, unserved, then purged by the daily task", async () => {
    const admin = await signUp(fixture.server, { email: ADMIN_EMAIL });
    await completeSetup(fixture.server, admin);
    const user = await signUp(fixture.server);
    const { selfie, image } = await setUpMedia(fixture.server, user);
    const del = (contentId: string, as: SignedIn = user) =>
      request(fixture.server.url, "DELETE", `/media/content/${contentId}`, { token: as.accessToken });
    expectError(await del(selfie), 409, "content_in_use");
    expectError(await del(image), 409, "content_in_use");
    expectError(await del("A".repeat(22)), 404, "not_found");
    const other = await signUp(fixture.server);
    expectError(await del(image, other), 404, "not_found");

    const spare = await uploadImage(fixture.server, user, await testJpeg(900, 700));
    const spareFiles = (await filesIn(accountMediaDir(fixture.server, user.accountId))).filter((name) =>
      name.startsWith(`${spare}_`),
    );
    expect(spareFiles).toHaveLength(5);
    expect((await fetchImage(fixture.server, user, user.accountId, spare)).status).toBe(200);
    const deleted = await del(spare);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ ok: true });
    await mediaChanged(user);
    expectError(await del(spare), 404, "not_found");
    const listed = await ownContent(fixture.server, user);
    expect(listed.items.map((item) => [item.content_id, item.in_use])).toEqual([
      [selfie, true],
      [image, true],
    ]);
    expectError(await fetchImage(fixture.server, user, user.accountId, spare), 404, "not_found");
    // Kept on disk (for reports) until the daily task purges it.
    const onDisk = () =>
      spareFiles.map((name) => existsSync(join(accountMediaDir(fixture.server, user.accountId), name)));
    expect(onDisk()).toEqual(spareFiles.map(() => true));
    expect((await fetchImage(fixture.server, admin, user.accountId, spare)).status).toBe(200);

    expectError(
      await request(fixture.server.url, "POST", "/admin/daily_task/run", { token: user.accessToken }),
      403,
      "forbidden",
    );
    const run = await request<{ content_purged: number }>(
      fixture.server.url,
      "POST",
      "/admin/daily_task/run",
      {
        token: admin.accessToken,
      },
    );
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.content_purged).toBeGreaterThanOrEqual(1);
    expect(onDisk()).toEqual(spareFiles.map(() => false));
    expectError(await fetchImage(fixture.server, admin, user.accountId, spare), 404, "not_found");
    // Content in use was not touched.
    expect((await fetchImage(fixture.server, user, user.accountId, selfie)).status).toBe(200);
    expect((await ownContent(fixture.server, user)).items).toHaveLength(2);
    for (const signedIn of [user, other, admin]) signedIn.ws.close();
  });
});

describe("metrics", () => {
  test("count uploads by how they ended and show the worker queue", async () => {
    const user = await signUp(fixture.server);
    await uploadImage(fixture.server, user);
    const refused = await upload(fixture.server, user, Buffer.from("not an image at all"));
    await finalState(user, refused.body.processing_id);
    const metrics = await request(fixture.server.url, "GET", "/metrics");
    const text = metrics.body as unknown as string;
    const count = (result: string) =>
      Number(new RegExp(`^venus_uploads_total\\{result="${result}"\\} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
    expect(count("completed")).toBeGreaterThanOrEqual(1);
    expect(count("not_an_image")).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^venus_image_worker_queue 0$/m);
  });
});

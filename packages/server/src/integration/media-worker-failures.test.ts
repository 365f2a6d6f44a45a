import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import type { ProcessingStatus } from "@venus/model";
import { describe, expect, test, vi } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request, type HttpResult } from "../testing/http-client.js";
import {
  accountMediaDir,
  expectNoUploadsLeft,
  fetchImage,
  filesIn,
  logLines,
  mediaRoot,
  nextReadyWorker,
  nextWorker,
  noiseJpeg,
  ownContent,
  workerPids,
} from "../testing/media-disk.js";
import { finalState, mediaChanged, testJpeg, upload, uploadImage } from "../testing/media-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, login, signUp, type SignedIn } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

/** Slow jobs can wait behind others on a loaded machine: final states get this long. */
const SLOW_MS = 45_000;

let slowImage: Promise<Buffer> | undefined;
/** About 5 MiB of noise, 20 megapixels: seconds of work for the worker. */
const slow = () => (slowImage ??= noiseJpeg(5000, 4000));

let smallImage: Promise<Buffer> | undefined;
const small = () => (smallImage ??= testJpeg(800, 600));

const retryAfter = (result: HttpResult<unknown>) => Number(result.headers.get("retry-after"));

const describeState = (status: ProcessingStatus) =>
  status.state === "in_queue" ? `in_queue ${status.position}` : status.state;

describe("the worker queue and the upload limits", () => {
  const fixture = useServer({
    config: {
      rate_limits: GENEROUS_RATE_LIMITS,
      media: { worker_queue_size: 2, uploads_per_day: 3, max_items_per_account: 2 },
    },
  });

  test("a full queue answers 503 busy with Retry-After; waiting uploads count down their position and complete", async () => {
    const users = [
      await signUp(fixture.server),
      await signUp(fixture.server),
      await signUp(fixture.server),
      await signUp(fixture.server),
    ];
    const bytes = await slow();
    const answers = await Promise.all(users.map((user) => upload(fixture.server, user, bytes)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 503]);
    const started = answers.flatMap((answer, index) =>
      answer.status === 200 ? [{ user: users[index] as SignedIn, status: answer.body }] : [],
    );
    expect(started.map(({ status }) => describeState(status)).sort()).toEqual([
      "in_queue 1",
      "in_queue 2",
      "processing",
    ]);
    const busyIndex = answers.findIndex((answer) => answer.status === 503);
    const busy = answers[busyIndex] as HttpResult<unknown>;
    expectError(busy, 503, "busy");
    expect(retryAfter(busy)).toBeGreaterThanOrEqual(1);

    const expectedEarlier: Record<string, string[]> = {
      processing: ["processing"],
      "in_queue 1": ["in_queue 1", "processing"],
      "in_queue 2": ["in_queue 2", "in_queue 1", "processing"],
    };
    for (const { user, status } of started) {
      const done = await finalState(user, status.processing_id, SLOW_MS);
      expect(done.status.state).toBe("completed");
      expect(done.earlier.map(describeState)).toEqual(expectedEarlier[describeState(status)]);
    }

    // The refused upload left nothing, did not count, and works once the queue has room.
    const refused = users[busyIndex] as SignedIn;
    await expectNoUploadsLeft(fixture.server);
    expect(await ownContent(fixture.server, refused)).toMatchObject({ items: [], uploads_left_today: 3 });
    await uploadImage(fixture.server, refused, await small());
    for (const user of users) user.ws.close();
  }, 90_000);

  test("an account has one upload in processing at a time", async () => {
    const user = await signUp(fixture.server);
    const first = await upload(fixture.server, user, await slow());
    expect(first.body).toMatchObject({ state: "processing" });
    expectError(await upload(fixture.server, user, await small()), 409, "upload_in_progress");
    expect((await finalState(user, first.body.processing_id, SLOW_MS)).status.state).toBe("completed");
    await uploadImage(fixture.server, user, await small());
    expect((await ownContent(fixture.server, user)).items).toHaveLength(2);
    user.ws.close();
  }, 60_000);

  test("media.max_items_per_account is content_limit_reached until one is deleted; media.uploads_per_day is 429 with Retry-After", async () => {
    const user = await signUp(fixture.server);
    const first = await uploadImage(fixture.server, user, await small());
    const second = await uploadImage(fixture.server, user, await small());
    expectError(await upload(fixture.server, user, await small()), 409, "content_limit_reached");
    expect(await ownContent(fixture.server, user)).toMatchObject({ max_items: 2, uploads_left_today: 1 });

    const remove = async (contentId: string) => {
      const deleted = await request(fixture.server.url, "DELETE", `/media/content/${contentId}`, {
        token: user.accessToken,
      });
      expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
      await mediaChanged(user);
    };
    await remove(first);
    await uploadImage(fixture.server, user, await small());
    await remove(second);
    const limited = await upload(fixture.server, user, await small());
    expectError(limited, 429, "upload_limit_reached");
    const untilMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    expect(retryAfter(limited)).toBeGreaterThan(untilMidnight - 60);
    expect(retryAfter(limited)).toBeLessThanOrEqual(untilMidnight + 1);
    expect(await ownContent(fixture.server, user)).toMatchObject({ uploads_left_today: 0 });
    expect((await ownContent(fixture.server, user)).items).toHaveLength(1);
    user.ws.close();
  });

  test("a worker killed mid-job fails that upload as worker_crashed; the next runs on a new worker", async () => {
    const user = await signUp(fixture.server);
    const before = workerPids(fixture.server);
    const killed = before.at(-1) as number;
    const started = await upload(fixture.server, user, await slow());
    expect(started.body).toMatchObject({ state: "processing" });
    process.kill(killed, "SIGKILL");
    const { status } = await finalState(user, started.body.processing_id, SLOW_MS);
    expect(status).toEqual({
      processing_id: started.body.processing_id,
      state: "failed",
      reason: "worker_crashed",
    });
    expect(await filesIn(accountMediaDir(fixture.server, user.accountId))).toEqual([]);
    await expectNoUploadsLeft(fixture.server);

    await uploadImage(fixture.server, user, await small());
    const replacement = await nextWorker(fixture.server, before);
    expect(replacement).not.toBe(killed);
    expect(logLines(fixture.server, "worker exited; restarting")).toEqual([
      expect.objectContaining({ cause: "signal SIGKILL" }),
    ]);
    user.ws.close();
  }, 60_000);
});

describe("the job timeout", () => {
  const fixture = useServer({
    config: { rate_limits: GENEROUS_RATE_LIMITS, media: { worker_job_timeout_seconds: 1 } },
  });

  test("a job over media.worker_job_timeout_seconds fails as timeout; a small image then completes", async () => {
    const [first] = workerPids(fixture.server) as [number];
    const user = await signUp(fixture.server);
    // 36 megapixels of noise: several seconds of work, far over the timeout.
    const started = await upload(fixture.server, user, await noiseJpeg(6000, 6000, 10));
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const { status } = await finalState(user, started.body.processing_id, SLOW_MS);
    expect(status).toMatchObject({ state: "failed", reason: "timeout" });
    expect(await filesIn(accountMediaDir(fixture.server, user.accountId))).toEqual([]);
    await expectNoUploadsLeft(fixture.server);

    // A fresh worker takes about a second to start; that has its own limit, so the new one is ready.
    expect(await nextReadyWorker(fixture.server, [first])).toBe(await nextWorker(fixture.server, [first]));
    // The smallest accepted image: a few milliseconds of work even on a busy machine.
    const contentId = await uploadImage(fixture.server, user, await testJpeg(512, 512));
    const served = await fetchImage(fixture.server, user, user.accountId, contentId, 256);
    expect(await sharp(served.body).metadata()).toMatchObject({ width: 256, height: 256 });
    user.ws.close();
  }, 60_000);
});

describe("durability", () => {
  test("completed content survives kill -9; files no content names are wiped at the next start", async () => {
    const config = { rate_limits: GENEROUS_RATE_LIMITS };
    const first = await startServer({ config });
    let second: RunningServer | undefined;
    try {
      const user = await signUp(first);
      const contentId = await uploadImage(first, user, await small());
      const dir = accountMediaDir(first, user.accountId);
      const kept = await filesIn(dir);
      expect(kept).toHaveLength(4); // 800 × 600: 854 (at 800), 640, 426, 256
      // Kill the server while another upload is processing: its orphaned worker stops at once rather
      // than finish the job for nobody; whatever it wrote and the upload stay behind until the restart.
      const [worker] = workerPids(first) as [number];
      const interrupted = await upload(first, user, await slow());
      expect(interrupted.body).toMatchObject({ state: "processing" });
      first.process.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      const alive = () => {
        try {
          process.kill(worker, 0);
          return true;
        } catch {
          return false;
        }
      };
      await vi.waitFor(() => expect(alive()).toBe(false), { timeout: 5000, interval: 50 });

      const tmp = join(mediaRoot(first), "tmp");
      mkdirSync(tmp, { recursive: true });
      writeFileSync(join(tmp, "stray.raw"), randomBytes(1000));
      writeFileSync(join(dir, `${randomBytes(16).toString("base64url")}_256.jpg`), await small());

      second = await startServer({ config, dataDir: first.dataDir });
      expect(await filesIn(dir)).toEqual(kept);
      expect(await filesIn(tmp)).toEqual([]);
      // At least the interrupted job's upload, the stray upload and the orphan file.
      const [wiped] = logLines(second, "wiped media files left by an unfinished upload");
      expect(wiped?.files).toBeGreaterThanOrEqual(3);
      const again = await connect(second, await login(second, user.email));
      const [item, ...others] = (await ownContent(second, again)).items;
      expect(others).toEqual([]);
      expect(item?.content_id).toBe(contentId);
      for (const { size, width, height } of item?.sizes ?? []) {
        const served = await fetchImage(second, again, user.accountId, contentId, size);
        expect(served.status).toBe(200);
        expect(await sharp(served.body).metadata()).toMatchObject({ format: "jpeg", width, height });
      }
      // Upload states live in memory only.
      const polled = await request(second.url, "GET", `/media/upload/${interrupted.body.processing_id}`, {
        token: again.accessToken,
      });
      expectError(polled, 404, "not_found");
      again.ws.close();
    } finally {
      await first.stop();
      await second?.stop();
      first.cleanup();
    }
  }, 90_000);
});

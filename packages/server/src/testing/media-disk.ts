import { randomBytes } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import { expect, vi } from "vitest";
import type { OwnContentResponse } from "@venus/model";
import { request } from "./http-client.js";
import type { SignedIn } from "./sign-in.js";
import type { RunningServer } from "./spawn-server.js";

/**
 * Helpers for media tests that look at what the server keeps on disk and at its image worker.
 * The image generators of the image-worker package are reused (`testImages`); every image is made
 * with sharp here, never downloaded.
 */
export * as testImages from "@venus/image-worker/testing";

/**
 * Random pixels as a JPEG: noise does not compress, so decoding and re-encoding it keeps the worker
 * busy for seconds (a 5000 × 4000 at quality 30 is about 5 MiB).
 */
export function noiseJpeg(width: number, height: number, quality = 30): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

/** `<data_dir>/media`, where the server keeps uploads (`tmp/`) and each account's files. */
export const mediaRoot = (server: { dataDir: string }) => join(server.dataDir, "data", "media");

export const accountMediaDir = (server: { dataDir: string }, accountId: string) =>
  join(mediaRoot(server), accountId);

/** The file names in a directory, sorted; none when it does not exist. */
export async function filesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.sort();
}

/** Waits (polling: no event says so) until the temporary upload directory is empty. */
export async function expectNoUploadsLeft(server: { dataDir: string }): Promise<void> {
  await vi.waitFor(async () => expect(await filesIn(join(mediaRoot(server), "tmp"))).toEqual([]), {
    timeout: 5000,
    interval: 20,
  });
}

/** `GET /media/content` as the user. */
export async function ownContent(server: { url: string }, user: SignedIn): Promise<OwnContentResponse> {
  const result = await request<OwnContentResponse>(server.url, "GET", "/media/content", {
    token: user.accessToken,
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body;
}

/** `GET /media/content/{owner}/{content}` as the user, the body as bytes. */
export function fetchImage(
  server: { url: string },
  user: SignedIn,
  ownerId: string,
  contentId: string,
  size?: number,
  headers: Record<string, string> = {},
) {
  const query = size === undefined ? "" : `?size=${size}`;
  return request<Buffer>(server.url, "GET", `/media/content/${ownerId}/${contentId}${query}`, {
    token: user.accessToken,
    binary: true,
    headers,
  });
}

/** The parsed JSON log lines the server printed with the given `msg`. */
export function logLines(server: RunningServer, msg: string): Record<string, unknown>[] {
  return server.output
    .filter((line) => line.includes(`"msg":"${msg}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The pids of every image worker the server started, oldest first. (In the JSON line the server's
 * own `pid` comes first and the worker's second; `JSON.parse` keeps the last.)
 */
export const workerPids = (server: RunningServer): number[] =>
  logLines(server, "worker started").map((line) => line.pid as number);

/**
 * Waits until a worker other than the given ones has read its settings and logged that it is ready,
 * and returns its pid. (A replacement that is slower to start than a very short job timeout is
 * itself replaced, so this is not necessarily the first new worker.)
 */
export async function nextReadyWorker(server: RunningServer, previous: readonly number[]): Promise<number> {
  return vi.waitFor(
    () => {
      const ready = logLines(server, "image worker ready").map((line) => line.pid as number);
      const fresh = ready.filter((pid) => !previous.includes(pid));
      expect(fresh).not.toEqual([]);
      return fresh[0] as number;
    },
    { timeout: 30_000, interval: 20 },
  );
}

/** Waits until a worker other than the given ones has started, and returns its pid. */
export async function nextWorker(server: RunningServer, previous: readonly number[]): Promise<number> {
  return vi.waitFor(
    () => {
      const fresh = workerPids(server).filter((pid) => !previous.includes(pid));
      expect(fresh).not.toEqual([]);
      return fresh[0] as number;
    },
    { timeout: 15_000, interval: 20 },
  );
}

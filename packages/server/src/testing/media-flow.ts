import { expect } from "vitest";
import sharp from "sharp";
import type { ProcessingStatus } from "@venus/model";
import { request } from "./http-client.js";
import type { SignedIn } from "./sign-in.js";
import type { Frame } from "./ws-client.js";

/** A photo-like JPEG made with sharp: a gradient with a marker block, `width × height`. */
export function testJpeg(width = 640, height = 640) {
  const gradient = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      gradient[at] = (x * 255) / width;
      gradient[at + 1] = (y * 255) / height;
      gradient[at + 2] = 128;
    }
  return sharp(gradient, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

let cachedJpeg: Promise<Buffer> | undefined;
/** The same small valid photo every time; enough for flows that only need an accepted upload. */
export const smallJpeg = () => (cachedJpeg ??= testJpeg());

export const upload = (server: { url: string }, user: SignedIn, bytes: Buffer) =>
  request<ProcessingStatus>(server.url, "PUT", "/media/upload", { token: user.accessToken, body: bytes });

const processingEvent = (processingId: string) => (frame: Frame) =>
  frame.event === "content_processing_state" &&
  (frame.data as ProcessingStatus | undefined)?.processing_id === processingId;

/**
 * Waits for an upload's final `content_processing_state` event and removes the earlier ones (and the
 * `media_content_changed` a completed upload sends) from the queue, so tests see only other frames.
 */
export async function finalState(user: SignedIn, processingId: string, timeoutMs = 15_000) {
  const isEvent = processingEvent(processingId);
  const final = await user.ws.take(
    (frame) => isEvent(frame) && ["completed", "failed"].includes((frame.data as ProcessingStatus).state),
    timeoutMs,
  );
  const earlier = user.ws.discard(isEvent);
  const status = final.data as ProcessingStatus;
  if (status.state === "completed") await mediaChanged(user);
  return { status, earlier: earlier.map((frame) => frame.data as ProcessingStatus) };
}

/** Consumes one `media_content_changed` event; returns its version. */
export async function mediaChanged(user: SignedIn): Promise<number> {
  const frame = await user.ws.take((candidate) => candidate.event === "media_content_changed");
  return (frame.data as { version: number }).version;
}

/** Uploads an image and waits until it is processed; returns the new content id. */
export async function uploadImage(server: { url: string }, user: SignedIn, bytes?: Buffer): Promise<string> {
  const started = await upload(server, user, bytes ?? (await smallJpeg()));
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const { status } = await finalState(user, started.body.processing_id);
  if (status.state !== "completed") throw new Error(`upload failed: ${JSON.stringify(status)}`);
  return status.content_id;
}

/** PUT a JSON body to a media route as the user, expect 200 and consume the change event. */
export async function putMedia(server: { url: string }, user: SignedIn, path: string, body: object) {
  const result = await request(server.url, "PUT", path, { token: user.accessToken, body });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  await mediaChanged(user);
}

/** The `media_content` version after `setUpMedia`: two uploads, the selfie, the profile content. */
export const MEDIA_VERSION_AFTER_SETUP = 4;

/** What complete_setup needs of media: uploads a security selfie and one profile image and sets them. */
export async function setUpMedia(server: { url: string }, user: SignedIn) {
  const selfie = await uploadImage(server, user);
  const image = await uploadImage(server, user);
  await putMedia(server, user, "/media/security_selfie", { content_id: selfie });
  await putMedia(server, user, "/media/profile_content", { images: [image] });
  return { selfie, image };
}

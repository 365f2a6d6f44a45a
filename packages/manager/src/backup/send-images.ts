import { join } from "node:path";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import type { ImageEntry } from "./backup-values.js";
import { callPeer } from "./peer-call.js";
import { identities } from "./store-layout.js";
import { uploadFile, type Uploader } from "./upload-file.js";

/** Declares the image files in batches; resolves with those whose content the peer lacks, by hash. */
export async function declareImages(
  caller: ManagerCaller,
  session: string,
  images: readonly ImageEntry[],
  batch: number,
): Promise<Map<string, ImageEntry[]>> {
  const missing = new Set<string>();
  for (let at = 0; at < images.length; at += batch) {
    const answer = await callPeer<{ missing: string[] }>(caller, "POST", `${session}/images`, {
      images: images.slice(at, at + batch),
    });
    for (const sha256 of answer.missing) missing.add(sha256);
  }
  const byContent = new Map<string, ImageEntry[]>();
  for (const image of images)
    if (missing.has(image.sha256))
      byContent.set(image.sha256, [...(byContent.get(image.sha256) ?? []), image]);
  return byContent;
}

/**
 * Sends each content once (from the first of its files still there), `width` contents at a time; the
 * first failure stops the others. Resolves with how many were sent and the paths gone since listing.
 */
export async function sendImages(
  uploader: Uploader,
  dataDir: string,
  session: string,
  contents: Map<string, ImageEntry[]>,
  width: number,
): Promise<{ sent: number; vanished: string[] }> {
  const failed = new AbortController();
  const lanes = { ...uploader, signal: AbortSignal.any([uploader.signal, failed.signal]) };
  const queue = [...contents];
  const vanished: string[] = [];
  let sent = 0;
  const sendOne = async ([sha256, files]: [string, ImageEntry[]]) => {
    for (const image of files)
      try {
        const path = join(dataDir, image.path);
        await uploadFile(lanes, path, image.size, identities.image(sha256), `${session}/images/${sha256}`);
        sent++;
        return;
      } catch (error) {
        // Deleted since it was listed (the server's daily task wipes old deleted content): not backed up.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        vanished.push(image.path);
      }
  };
  const lane = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift())
      await sendOne(next).catch((error: unknown) => {
        failed.abort(error);
        throw error;
      });
  };
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, lane));
  return { sent, vanished };
}

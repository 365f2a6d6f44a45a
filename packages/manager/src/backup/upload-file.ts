import { open } from "node:fs/promises";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import { BackupError } from "./backup-error.js";
import { chunkCount, sealChunk } from "./chunk-cipher.js";
import { callPeer } from "./peer-call.js";

export interface Uploader {
  caller: ManagerCaller;
  key: Buffer;
  chunkBytes: number;
  /** Aborted when the manager shuts down: the upload stops between two records. */
  signal: AbortSignal;
  onBytes: (bytes: number) => void;
}

/** Sends `size` bytes of `file` to the peer as sealed records `PUT <path>/<index>`, one after another. */
export async function uploadFile(
  uploader: Uploader,
  file: string,
  size: number,
  identity: string,
  path: string,
): Promise<void> {
  const { chunkBytes } = uploader;
  const handle = await open(file, "r");
  try {
    const count = chunkCount(size, chunkBytes);
    for (let index = 0; index < count; index++) {
      uploader.signal.throwIfAborted();
      const length = Math.min(chunkBytes, size - index * chunkBytes);
      const plain = Buffer.alloc(length);
      const { bytesRead } = await handle.read(plain, 0, length, index * chunkBytes);
      if (bytesRead < length) throw new BackupError(500, "file_changed", `${file} shrank while it was sent`);
      const record = sealChunk(uploader.key, identity, index, index === count - 1, plain);
      await callPeer(uploader.caller, "PUT", `${path}/${index}`, record);
      uploader.onBytes(length);
    }
  } finally {
    await handle.close();
  }
}

import { parentPort } from "node:worker_threads";
import webPush from "web-push";
import type { EncryptAnswer, EncryptTask } from "./encrypt-pool.js";

/** A worker thread of the EncryptPool: RFC 8291 aes128gcm (ECDH, HKDF, AES-GCM) off the event loop. */
const port = parentPort;
if (!port) throw new Error("webpush-encrypt-worker runs only as a worker thread");
port.on("message", ({ id, p256dh, auth, payload }: EncryptTask) => {
  let answer: EncryptAnswer;
  try {
    // A copy of its own: the library's Buffer may be a slice of a shared pool, which must not move.
    const body = new Uint8Array(webPush.encrypt(p256dh, auth, payload, "aes128gcm").cipherText);
    answer = { id, body };
    port.postMessage(answer, [body.buffer]);
  } catch (error) {
    answer = { id, error: (error as Error).message };
    port.postMessage(answer);
  }
});

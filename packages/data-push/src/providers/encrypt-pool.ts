import { Worker } from "node:worker_threads";

/** One payload to encrypt for a subscription's keys (base64url). */
export interface EncryptTask {
  id: number;
  p256dh: string;
  auth: string;
  payload: string;
}

export type EncryptAnswer = { id: number; body: Uint8Array } | { id: number; error: string };

/** The pool already holds `push.webpush.encrypt_queue` payloads. */
export class EncryptQueueFullError extends Error {
  constructor(limit: number) {
    super(`encryption queue full (${limit})`);
  }
}

interface Pending {
  resolve: (body: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

// The built worker script, from the source (tests) and the build alike: src/ and dist/ sit side by side.
const WORKER_URL = new URL("../../dist/providers/webpush-encrypt-worker.js", import.meta.url);

/**
 * WebPush payload encryption (about half a millisecond of ECDH + HKDF + AES each) on `size` worker
 * threads, so the event loop only sends. At most `maxQueued` payloads wait or run at once; a task
 * goes to the thread with the fewest. A thread that dies fails its tasks and is replaced.
 */
export class EncryptPool {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  private inFlight = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly maxQueued: number,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.spawn());
  }

  encrypt(p256dh: string, auth: string, payload: string): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error("encryption pool closed"));
    if (this.inFlight >= this.maxQueued) return Promise.reject(new EncryptQueueFullError(this.maxQueued));
    const thread = this.threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    this.inFlight++;
    return new Promise<Uint8Array>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      const task: EncryptTask = { id, p256dh, auth, payload };
      thread.worker.postMessage(task);
    }).finally(() => this.inFlight--);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private spawn(): Thread {
    const thread: Thread = { worker: new Worker(WORKER_URL), pending: new Map() };
    thread.worker.on("message", (answer: EncryptAnswer) => {
      const pending = thread.pending.get(answer.id);
      thread.pending.delete(answer.id);
      if ("body" in answer) pending?.resolve(answer.body);
      else pending?.reject(new Error(answer.error));
    });
    thread.worker.on("error", (error) => this.fail(thread, error));
    thread.worker.on("exit", (code) => this.fail(thread, new Error(`encryption thread exited (${code})`)));
    // After the listeners: adding a "message" listener refs the thread's port again.
    thread.worker.unref();
    return thread;
  }

  /** Rejects what the thread held and, unless closing, puts a new thread in its place. */
  private fail(thread: Thread, error: Error): void {
    for (const pending of thread.pending.values()) pending.reject(error);
    thread.pending.clear();
    const at = this.threads.indexOf(thread);
    if (at !== -1 && !this.closed) this.threads[at] = this.spawn();
  }
}

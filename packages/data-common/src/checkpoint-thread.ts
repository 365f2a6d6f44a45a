import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CheckpointResult } from "@venus/database";

export interface CheckpointRequest {
  id: number;
  /** `ready`: nothing, answered once the thread has started. */
  op: "checkpoint" | "release" | "ready";
  /** The database's main file. */
  path: string;
}

export interface CheckpointReply {
  id: number;
  result?: CheckpointResult | undefined;
  error?: { message: string; code?: string | undefined };
}

/** Built beside this module's compiled form; from `src/` (the tests) it is the built one too. */
const WORKER = fileURLToPath(new URL("../dist/checkpoint-worker.js", import.meta.url));

/**
 * The one worker thread of the process that checkpoints every database. It keeps the process alive
 * only while a request is pending.
 */
class CheckpointThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (reply: CheckpointReply) => void; reject: (error: Error) => void }
  >();

  /**
   * Starts the thread ahead of its first request: starting takes a tenth of a second or more of CPU,
   * which the first checkpoint, with the writer paused, should not wait for.
   */
  async prepare(): Promise<void> {
    await this.call("ready", "");
  }

  async call(op: CheckpointRequest["op"], path: string): Promise<CheckpointResult | undefined> {
    if (op === "release" && this.worker === undefined) return undefined;
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    const reply = await new Promise<CheckpointReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, op, path } satisfies CheckpointRequest);
    });
    if (reply.error) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    return reply.result;
  }

  private start(): Worker {
    const worker = new Worker(WORKER);
    worker.unref();
    worker.on("message", (reply: CheckpointReply) => {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
    });
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`the checkpoint thread exited (${code})`)));
    return worker;
  }
}

export const checkpointThread = new CheckpointThread();

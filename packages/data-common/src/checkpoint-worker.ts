/**
 * The checkpoint thread's body (spawned by `checkpoint-thread.ts`): one checkpoint-only connection per
 * database, a `TRUNCATE` checkpoint on request, then the empty WAL's new size made durable so that no
 * frame of an earlier WAL generation can be replayed after a power cut (the writer's connection,
 * at `synchronous=OFF`, does not sync the header it writes when it starts the WAL again).
 */
import { closeSync, fsyncSync, openSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { checkpointTruncate, openCheckpointConnection, type Database } from "@venus/database";
import type { CheckpointReply, CheckpointRequest } from "./checkpoint-thread.js";

const connections = new Map<string, Database>();

function checkpoint(path: string): CheckpointReply["result"] {
  let db = connections.get(path);
  if (db === undefined) {
    db = openCheckpointConnection(path);
    connections.set(path, db);
  }
  const result = checkpointTruncate(db);
  if (result.busy === 0) {
    const fd = openSync(`${path}-wal`, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return result;
}

function release(path: string): void {
  connections.get(path)?.close();
  connections.delete(path);
}

parentPort?.on("message", ({ id, op, path }: CheckpointRequest) => {
  let reply: CheckpointReply;
  try {
    if (op === "release") release(path);
    reply = { id, result: op === "checkpoint" ? checkpoint(path) : undefined };
  } catch (error) {
    const { message, code } = error as { message: string; code?: string };
    reply = { id, error: { message, code } };
  }
  parentPort?.postMessage(reply);
});

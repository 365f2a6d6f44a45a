import { once } from "node:events";
import WebSocket from "ws";
import { withTimeout } from "./concurrency.js";

/** Starts Node's inspector on a free loopback port; Node announces its URL on stderr. */
export const INSPECTOR_FLAG = "--inspect=127.0.0.1:0";
export const DEBUGGER_LINE = /Debugger listening on (ws:\/\/\S+)/;
/** A hang guard: a full GC of a 2 GB heap on a machine busy with other work takes well over 30 s. */
const INSPECTOR_TIMEOUT_MS = 180_000;

async function heapAfterFullGc(inspectorUrl: string): Promise<number> {
  const socket = new WebSocket(inspectorUrl);
  const pending = new Map<number, (result: Record<string, unknown>) => void>();
  socket.on("message", (data: Buffer) => {
    const reply = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown> };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply.result ?? {});
  });
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = pending.size + 1;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  await once(socket, "open");
  try {
    await call("HeapProfiler.collectGarbage");
    const usage = await call("Runtime.getHeapUsage");
    return usage.usedSize as number;
  } finally {
    socket.close();
  }
}

/**
 * Forces a full garbage collection in another Node process through its inspector (DevTools
 * protocol), so that a memory sample holds live data only. Resolves with its JS heap in use after.
 */
export function collectGarbage(inspectorUrl: string): Promise<number> {
  return withTimeout(heapAfterFullGc(inspectorUrl), INSPECTOR_TIMEOUT_MS, "collect garbage");
}

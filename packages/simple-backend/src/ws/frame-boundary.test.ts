import { describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { Metrics } from "../metrics/metrics.js";
import { guardFrames } from "./frame-boundary.js";
import type { Connection, WebSocketHandlers } from "./websocket-endpoint.js";

function setUp(handlers: Partial<WebSocketHandlers<null>>) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("info", "test", { write: (line: string) => lines.push(JSON.parse(line)) });
  const metrics = new Metrics();
  const replies: unknown[] = [];
  const closes: number[] = [];
  const connection: Connection<null> = {
    id: 1,
    remoteAddress: "127.0.0.1",
    binary: false,
    state: null,
    open: true,
    send: () => undefined,
    cork: (sends) => sends(),
    close: (code) => void closes.push(code),
  };
  const guarded = guardFrames<null>(
    {
      initialState: () => null,
      onOpen: () => undefined,
      onFrame: () => undefined,
      onClose: () => undefined,
      onFrameError: (_connection, error) => void replies.push(error),
      ...handlers,
    },
    { log, metrics, path: "/ws" },
  );
  const internalErrors = async () =>
    (await metrics.registry.getSingleMetric("venus_internal_errors_total")?.get())?.values.find(
      (value) => value.labels.where === "ws",
    )?.value ?? 0;
  return { guarded, connection, lines, replies, closes, internalErrors };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("guardFrames", () => {
  it("answers a frame whose handler throws, logs it and counts it", async () => {
    const boom = new Error("boom");
    const { guarded, connection, lines, replies, internalErrors } = setUp({
      onFrame: () => {
        throw boom;
      },
    });
    expect(() => guarded.onFrame(connection, {})).not.toThrow();
    expect(replies).toEqual([boom]);
    expect(lines).toMatchObject([{ msg: "WebSocket handler failed", during: "frame", path: "/ws" }]);
    expect(await internalErrors()).toBe(1);
  });

  it("answers a frame whose async handler rejects", async () => {
    const { guarded, connection, replies, internalErrors } = setUp({
      onFrame: () => Promise.reject(new Error("later")),
    });
    guarded.onFrame(connection, {});
    await settle();
    expect(replies).toMatchObject([{ message: "later" }]);
    expect(await internalErrors()).toBe(1);
  });

  it("keeps errors of open and close inside the boundary; close has no one left to answer", async () => {
    const { guarded, connection, replies, internalErrors } = setUp({
      onOpen: () => {
        throw new Error("open");
      },
      onClose: () => {
        throw new Error("close");
      },
    });
    expect(() => guarded.onOpen(connection)).not.toThrow();
    expect(() => guarded.onClose(connection, 1000)).not.toThrow();
    expect(replies).toMatchObject([{ message: "open" }]);
    expect(await internalErrors()).toBe(2);
  });

  it("closes with 1011 when the error reply itself fails", () => {
    const { guarded, connection, closes } = setUp({
      onFrame: () => {
        throw new Error("boom");
      },
      onFrameError: () => {
        throw new Error("reply failed too");
      },
    });
    expect(() => guarded.onFrame(connection, {})).not.toThrow();
    expect(closes).toEqual([1011]);
  });

  it("passes frames through untouched when nothing fails", async () => {
    const seen: unknown[] = [];
    const { guarded, connection, replies, internalErrors } = setUp({
      onFrame: (_c, frame) => void seen.push(frame),
    });
    guarded.onFrame(connection, { type: "ping" });
    expect(seen).toEqual([{ type: "ping" }]);
    expect(replies).toEqual([]);
    expect(await internalErrors()).toBe(0);
  });
});

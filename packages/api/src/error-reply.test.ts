import { retryLater } from "@venus/model";
import { createLogger, Metrics, type HttpRequestContext } from "@venus/simple-backend";
import { describe, expect, it } from "vitest";
import { errorToReply } from "./error-reply.js";

function context(method: string): HttpRequestContext {
  return {
    method,
    route: "/x",
    url: "/x",
    query: new URLSearchParams(),
    params: [],
    headers: new Map(),
    body: Buffer.alloc(0),
    remoteAddress: "127.0.0.1",
    requestId: "r",
    log: createLogger("fatal", "test"),
  };
}

async function internalErrors(metrics: Metrics): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric("venus_internal_errors_total")?.get();
  return Object.fromEntries((metric?.values ?? []).map((value) => [String(value.labels.where), value.value]));
}

describe("errorToReply", () => {
  it("answers a VenusError with its status and code, and counts nothing", async () => {
    const metrics = new Metrics();
    const reply = errorToReply(retryLater("rate_limited", 7), context("GET"), metrics);
    expect(reply).toMatchObject({
      status: 429,
      body: { error: { code: "rate_limited" } },
      headers: { "retry-after": "7" },
    });
    expect(await internalErrors(metrics)).toEqual({});
  });

  it("hides anything else behind 500 internal_error and counts it, by HTTP or WebSocket", async () => {
    const metrics = new Metrics();
    expect(errorToReply(new TypeError("bug"), context("POST"), metrics)).toMatchObject({
      status: 500,
      body: { error: { code: "internal_error", message: "internal error" } },
    });
    errorToReply(new Error("bug"), context("POST"), metrics);
    errorToReply("thrown string", context("WS"), metrics);
    expect(await internalErrors(metrics)).toEqual({ http: 2, ws: 1 });
  });
});

import { describe, expect, test, vi } from "vitest";
import { PendingRequests } from "./pending-requests.js";

describe("PendingRequests", () => {
  test("delivers an answer to the request with its id, once", async () => {
    const pending = new PendingRequests();
    const first = pending.open(1000, "peer");
    const second = pending.open(1000, "peer");
    expect(first.id).not.toBe(second.id);
    expect(pending.settle(second.id, { status: 200, body: "two" })).toBe(true);
    expect(pending.settle(second.id, { status: 200, body: "again" })).toBe(false);
    expect(await second.response).toEqual({ status: 200, body: "two" });
    expect(pending.size).toBe(1);
  });

  test("a lost link fails every waiting request at once with link_lost", async () => {
    const pending = new PendingRequests();
    const requests = [pending.open(60_000, "peer"), pending.open(60_000, "peer")];
    pending.failAll("socket closed");
    for (const { response } of requests)
      expect(await response).toMatchObject({ status: 502, body: { error: { code: "link_lost" } } });
    expect(pending.size).toBe(0);
  });

  test("a request nobody answers times out with remote_timeout", async () => {
    vi.useFakeTimers();
    try {
      const pending = new PendingRequests();
      const { id, response } = pending.open(500, "peer");
      vi.advanceTimersByTime(500);
      expect(await response).toMatchObject({ status: 504, body: { error: { code: "remote_timeout" } } });
      expect(pending.settle(id, { status: 200, body: null })).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

import { describe, expect, it } from "vitest";
import { resultOfStatus, retryAfterMs } from "./push-provider.js";

describe("reading a push service's answer", () => {
  it("sent on 2xx, dead on 404/410, retried on 429 and 5xx, rejected on other 4xx", () => {
    expect(resultOfStatus(201, "")).toEqual({ outcome: "sent" });
    expect(resultOfStatus(404, "gone")).toEqual({ outcome: "dead", reason: "gone" });
    expect(resultOfStatus(410, "gone")).toEqual({ outcome: "dead", reason: "gone" });
    expect(resultOfStatus(429, "slow", 2000)).toEqual({ outcome: "retry", reason: "slow", afterMs: 2000 });
    expect(resultOfStatus(503, "down")).toEqual({ outcome: "retry", reason: "down" });
    expect(resultOfStatus(400, "bad")).toEqual({ outcome: "rejected", reason: "bad" });
    expect(resultOfStatus(413, "big")).toEqual({ outcome: "rejected", reason: "big" });
  });

  it("takes Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-12-07T12:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Mon, 07 Dec 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Mon, 07 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});

import { describe, expect, test } from "vitest";
import { LatencySamples, RequestRecorder, percentile } from "./latency-recorder.js";

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("percentile (nearest rank)", () => {
  test("is the smallest value with at least p percent of the values at or below it", () => {
    expect(percentile(oneTo(10), 50)).toBe(5);
    expect(percentile(oneTo(10), 99)).toBe(10);
    expect(percentile(oneTo(100), 99)).toBe(99);
    expect(percentile(oneTo(100), 50)).toBe(50);
    expect(percentile(oneTo(1000), 99)).toBe(990);
  });

  test("ends: p0 is the smallest value, p100 the largest; one value is every percentile", () => {
    expect(percentile([3, 7, 9], 0)).toBe(3);
    expect(percentile([3, 7, 9], 100)).toBe(9);
    expect(percentile([42], 50)).toBe(42);
    expect(percentile([42], 99)).toBe(42);
  });

  test("no values: NaN", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("LatencySamples", () => {
  test("summarises samples added in any order", () => {
    const samples = new LatencySamples();
    for (const ms of [9, 1, 5, 3, 7, 2, 10, 4, 8, 6]) samples.add(ms);
    expect(samples.count).toBe(10);
    expect(samples.summary()).toEqual({ p50: 5, p99: 10, max: 10, mean: 5.5 });
  });

  test("no samples: no summary", () => {
    expect(new LatencySamples().summary()).toBeNull();
  });
});

describe("RequestRecorder", () => {
  test("counts requests by route and failures by code; only answered requests have a latency", () => {
    const recorder = new RequestRecorder();
    recorder.record("POST /chat/like", 4);
    recorder.record("POST /chat/like", 6, "429 daily_like_limit");
    recorder.record("ws chat.send", undefined, "timeout");
    recorder.recordError("connection_lost");
    recorder.recordError("timeout");

    expect(recorder.requests).toBe(3);
    expect(recorder.errorCount).toBe(4);
    expect(Object.fromEntries(recorder.errors)).toEqual({
      "429 daily_like_limit": 1,
      timeout: 2,
      connection_lost: 1,
    });
    const like = recorder.routes.get("POST /chat/like");
    expect(like?.requests).toBe(2);
    expect(like?.errors).toBe(1);
    expect(like?.latency.values()).toEqual([4, 6]);
    const send = recorder.routes.get("ws chat.send");
    expect(send?.requests).toBe(1);
    expect(send?.latency.count).toBe(0);
    expect([...recorder.allLatencies().values()]).toEqual([4, 6]);
  });
});

import { expect, test } from "vitest";
import { RequestRecorder } from "./latency-recorder.js";
import { buildLoadReport, loadReportJson, type LoadReport } from "./load-report.js";
import { MessageClock } from "./message-clock.js";

/** A small run: 3 users, one failed to register; 2 s measured. */
function sampleReport(): LoadReport {
  const setup = new RequestRecorder();
  setup.record("POST /account/register", 3);
  setup.record("POST /account/register", 2);
  setup.record("POST /account/register", 1, "429 rate_limited");
  const measured = new RequestRecorder();
  for (const ms of [1, 2, 3, 4]) measured.record("ws chat.send", ms);
  measured.record("POST /chat/like", 10);
  measured.record("POST /chat/like", undefined, "timeout");
  measured.recordError("connection_lost");
  const clock = new MessageClock();
  for (const [uuid, ms] of [
    ["m1", 5],
    ["m2", 7],
    ["m3", 6],
  ] as const) {
    clock.sending("a", uuid, 0);
    clock.answered("a", uuid, true);
    clock.delivered("a", uuid, ms);
  }
  clock.sending("a", "m4", 0);
  clock.answered("a", "m4", true);
  return buildLoadReport({
    server: "http://127.0.0.1:3000",
    runId: "abcd1234",
    users: 3,
    intervalSeconds: 1,
    setup: { ready: 2, failures: new Map([["429 rate_limited", 1]]), seconds: 4.2567, recorder: setup },
    measured: { seconds: 2, recorder: measured, clock },
  });
}

test("the report holds the setup, every route, the messages and the errors, rounded", () => {
  expect(sampleReport()).toEqual({
    server: "http://127.0.0.1:3000",
    run_id: "abcd1234",
    users: 3,
    interval_seconds: 1,
    setup: {
      ready: 2,
      failed: 1,
      seconds: 4.26,
      requests: 3,
      errors: { "429 rate_limited": 1 },
      failures: { "429 rate_limited": 1 },
    },
    duration_seconds: 2,
    requests: {
      count: 6,
      per_second: 3,
      errors: 1,
      latency_ms: { p50: 3, p99: 10, max: 10, mean: 4 },
    },
    routes: [
      {
        route: "ws chat.send",
        requests: 4,
        per_second: 2,
        errors: 0,
        latency_ms: { p50: 2, p99: 4, max: 4, mean: 2.5 },
      },
      {
        route: "POST /chat/like",
        requests: 2,
        per_second: 1,
        errors: 1,
        latency_ms: { p50: 10, p99: 10, max: 10, mean: 10 },
      },
    ],
    messages: {
      sent: 4,
      received: 3,
      per_second: 1.5,
      latency_ms: { p50: 6, p99: 7, max: 7, mean: 6 },
    },
    errors: { connection_lost: 1, timeout: 1 },
  });
});

test("errors are listed most frequent first; nothing measured gives zeros and null latencies", () => {
  const measured = new RequestRecorder();
  measured.recordError("b");
  measured.recordError("a");
  measured.recordError("b");
  const report = buildLoadReport({
    server: "http://x",
    runId: "r",
    users: 1,
    intervalSeconds: 1,
    setup: { ready: 0, failures: new Map(), seconds: 0, recorder: new RequestRecorder() },
    measured: { seconds: 0, recorder: measured, clock: new MessageClock() },
  });
  expect(Object.entries(report.errors)).toEqual([
    ["b", 2],
    ["a", 1],
  ]);
  expect(report.requests).toEqual({ count: 0, per_second: 0, errors: 0, latency_ms: null });
  expect(report.messages).toEqual({ sent: 0, received: 0, per_second: 0, latency_ms: null });
  expect(report.routes).toEqual([]);
});

test("the JSON is the report, indented, ending in a newline", () => {
  const report = sampleReport();
  const json = loadReportJson(report);
  expect(json.endsWith("}\n")).toBe(true);
  expect(JSON.parse(json)).toEqual(report);
});

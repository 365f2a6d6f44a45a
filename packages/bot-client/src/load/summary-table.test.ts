import { expect, test } from "vitest";
import { RequestRecorder } from "./latency-recorder.js";
import { buildLoadReport, type LoadReport } from "./load-report.js";
import { MessageClock } from "./message-clock.js";
import { alignColumns, formatLoadTable } from "./summary-table.js";

test("columns: the first left-aligned (or the first few), the others right-aligned, two spaces apart", () => {
  expect(
    alignColumns([
      ["route", "n"],
      ["ws chat.send", "1234"],
    ]),
  ).toEqual(["route            n", "ws chat.send  1234"]);
  expect(
    alignColumns(
      [
        ["a", "bb", "1"],
        ["ccc", "d", "22"],
      ],
      2,
    ),
  ).toEqual(["a    bb   1", "ccc  d   22"]);
});

/** 2 users, one refused at registration; in 4 s, four sends, a like that timed out, two messages. */
function runWithErrors(): LoadReport {
  const setup = new RequestRecorder();
  setup.record("POST /account/register", 20.25);
  setup.record("POST /account/register", 5, "429 rate_limited");
  const measured = new RequestRecorder();
  [0.5, 1.25, 2, 8].forEach((ms) => measured.record("ws chat.send", ms));
  measured.record("POST /chat/like", undefined, "timeout");
  measured.recordError("connection_lost");
  const clock = new MessageClock();
  ["x", "y"].forEach((uuid, i) => {
    clock.sending("s", uuid, 1000);
    clock.answered("s", uuid, true);
    clock.delivered("s", uuid, 1003 + i);
  });
  const run = { server: "https://venus.example", runId: "0123abcd", users: 2, intervalSeconds: 0.5 };
  const failures = new Map([["429 rate_limited", 1]]);
  const measuredPhase = { seconds: 4, recorder: measured, clock };
  return buildLoadReport({
    ...run,
    setup: { ready: 1, failures, seconds: 3.04, recorder: setup },
    measured: measuredPhase,
  });
}

test("the summary: the run, a row per route and one for all, the messages, the errors by phase and code", () => {
  expect(formatLoadTable(runWithErrors())).toBe(
    [
      "Venus load run 0123abcd: 2 users against https://venus.example",
      "setup: 1 ready, 1 failed (429 rate_limited ×1) in 3.0 s (2 requests, errors: 1)",
      "measured: 4.0 s, a round per bot every ~0.5 s",
      "",
      "route            requests  req/s  errors  p50 ms  p99 ms  max ms",
      "ws chat.send            4    1.0       0     1.3     8.0     8.0",
      "POST /chat/like         1    0.3       1       -       -       -",
      "all                     5    1.3       1     1.3     8.0     8.0",
      "",
      "messages        sent  received  msg/s  p50 ms  p99 ms  max ms",
      "send → receive     2         2    0.5     3.0     4.0     4.0",
      "",
      "phase     error code        count",
      "setup     429 rate_limited      1",
      "measured  connection_lost       1",
      "measured  timeout               1",
      "",
    ].join("\n"),
  );
});

test("a run without errors says so", () => {
  const report = runWithErrors();
  const clean = { ...report, errors: {}, setup: { ...report.setup, errors: {}, failures: {}, failed: 0 } };
  expect(formatLoadTable(clean)).toContain("\nerrors: none\n");
});

import type { LatencySummary } from "./latency-recorder.js";
import type { LoadReport, RouteReport } from "./load-report.js";

/** Columns padded to their widest cell: the first `left` left-aligned, the others right-aligned. */
export function alignColumns(rows: readonly (readonly string[])[], left = 1): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** p50, p99 and max in ms, or dashes without samples. */
function latencyCells(latency: LatencySummary | null): string[] {
  return latency === null ? ["-", "-", "-"] : [fixed(latency.p50), fixed(latency.p99), fixed(latency.max)];
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([code, count]) => `${code} ×${count}`)
    .join(", ");
}

function routeRow(route: RouteReport): string[] {
  const counts = [String(route.requests), fixed(route.per_second), String(route.errors)];
  return [route.route, ...counts, ...latencyCells(route.latency_ms)];
}

/** The summary `venus bot load` prints: the run, the setup, a row per route, the messages, the errors. */
export function formatLoadTable(report: LoadReport): string {
  const { setup } = report;
  const failures = setup.failed > 0 ? ` (${countsText(setup.failures)})` : "";
  const lines = [
    `Venus load run ${report.run_id}: ${report.users} users against ${report.server}`,
    `setup: ${setup.ready} ready, ${setup.failed} failed${failures} in ${fixed(setup.seconds)} s ` +
      `(${setup.requests} requests, errors: ${Object.values(setup.errors).reduce((a, b) => a + b, 0)})`,
    `measured: ${fixed(report.duration_seconds)} s, a round per bot every ~${report.interval_seconds} s`,
    "",
    ...alignColumns([
      ["route", "requests", "req/s", "errors", "p50 ms", "p99 ms", "max ms"],
      ...report.routes.map(routeRow),
      routeRow({ route: "all", ...report.requests, requests: report.requests.count }),
    ]),
    "",
    ...alignColumns([
      ["messages", "sent", "received", "msg/s", "p50 ms", "p99 ms", "max ms"],
      [
        "send → receive",
        String(report.messages.sent),
        String(report.messages.received),
        fixed(report.messages.per_second),
        ...latencyCells(report.messages.latency_ms),
      ],
    ]),
    "",
  ];
  const errors = [
    ...Object.entries(setup.errors).map(([code, count]) => ["setup", code, String(count)]),
    ...Object.entries(report.errors).map(([code, count]) => ["measured", code, String(count)]),
  ];
  if (errors.length === 0) lines.push("errors: none");
  else lines.push(...alignColumns([["phase", "error code", "count"], ...errors], 2));
  return `${lines.join("\n")}\n`;
}

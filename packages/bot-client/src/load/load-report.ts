import type { LatencySamples, LatencySummary, RequestRecorder } from "./latency-recorder.js";
import type { MessageClock } from "./message-clock.js";

/** One route's figures in the measured phase. */
export interface RouteReport {
  /** `<VERB> <path with :id>` for HTTP, `ws <method>` for WebSocket requests, `ws connect`. */
  route: string;
  requests: number;
  per_second: number;
  errors: number;
  /** Of the requests that got an answer; null when none did. */
  latency_ms: LatencySummary | null;
}

/** What `venus bot load --json` writes: the figures the table shows. Times in s, latencies in ms. */
export interface LoadReport {
  server: string;
  run_id: string;
  users: number;
  /** Each bot's time between two rounds (on average). */
  interval_seconds: number;
  setup: {
    /** Bots that finished the setup, and bots that did not. */
    ready: number;
    failed: number;
    /** From the first registration to the last bot ready or failed. */
    seconds: number;
    requests: number;
    /** Failed requests and other failures during the setup, by code. */
    errors: Record<string, number>;
    /** Why bots failed, by the code of the failure that stopped each. */
    failures: Record<string, number>;
  };
  /** The measured phase, from the moment every bot was ready until the last one stopped. */
  duration_seconds: number;
  /** Every request of the phase (`errors`: those that failed). */
  requests: { count: number; per_second: number; errors: number; latency_ms: LatencySummary | null };
  /** Busiest first. */
  routes: RouteReport[];
  messages: {
    /** Sends the server accepted. */
    sent: number;
    /** Messages that reached their recipient's socket during the phase. */
    received: number;
    /** Received per second. */
    per_second: number;
    /** From the send request leaving to the recipient's `new_message`. */
    latency_ms: LatencySummary | null;
  };
  /** Failed requests and other failures of the measured phase, by code. */
  errors: Record<string, number>;
}

export interface LoadReportInput {
  server: string;
  runId: string;
  users: number;
  intervalSeconds: number;
  setup: {
    ready: number;
    failures: ReadonlyMap<string, number>;
    seconds: number;
    recorder: RequestRecorder;
  };
  measured: { seconds: number; recorder: RequestRecorder; clock: MessageClock };
}

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

function latency(samples: LatencySamples): LatencySummary | null {
  const summary = samples.summary();
  if (summary === null) return null;
  return {
    p50: round(summary.p50, 2),
    p99: round(summary.p99, 2),
    max: round(summary.max, 2),
    mean: round(summary.mean, 2),
  };
}

/** Counts by code as an object, the most frequent first. */
function byCount(counts: ReadonlyMap<string, number>): Record<string, number> {
  const sorted = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return Object.fromEntries(sorted);
}

/** The report of a run from what its recorders collected. */
export function buildLoadReport(input: LoadReportInput): LoadReport {
  const { setup, measured } = input;
  const seconds = measured.seconds;
  const rate = (count: number) => (seconds > 0 ? round(count / seconds, 2) : 0);
  const routes = [...measured.recorder.routes]
    .map(([route, stats]) => ({
      route,
      requests: stats.requests,
      per_second: rate(stats.requests),
      errors: stats.errors,
      latency_ms: latency(stats.latency),
    }))
    .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
  let failed = 0;
  for (const count of setup.failures.values()) failed += count;
  return {
    server: input.server,
    run_id: input.runId,
    users: input.users,
    interval_seconds: input.intervalSeconds,
    setup: {
      ready: setup.ready,
      failed,
      seconds: round(setup.seconds, 2),
      requests: setup.recorder.requests,
      errors: byCount(setup.recorder.errors),
      failures: byCount(setup.failures),
    },
    duration_seconds: round(seconds, 2),
    requests: {
      count: measured.recorder.requests,
      per_second: rate(measured.recorder.requests),
      errors: routes.reduce((sum, route) => sum + route.errors, 0),
      latency_ms: latency(measured.recorder.allLatencies()),
    },
    routes,
    messages: {
      sent: measured.clock.sent,
      received: measured.clock.received,
      per_second: rate(measured.clock.received),
      latency_ms: latency(measured.clock.latency),
    },
    errors: byCount(measured.recorder.errors),
  };
}

/** The report as `--json` writes it: indented, with a final newline. */
export function loadReportJson(report: LoadReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

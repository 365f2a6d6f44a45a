/** The usual figures of a set of latencies, in ms. */
export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The nearest-rank percentile of values sorted in ascending order: the smallest value that at least
 * `p` percent of the values are at or below. NaN for no values.
 */
export function percentile(ascending: readonly number[], p: number): number {
  if (ascending.length === 0) return Number.NaN;
  const rank = Math.min(ascending.length, Math.max(1, Math.ceil((p / 100) * ascending.length)));
  return ascending[rank - 1] as number;
}

/** Latencies in ms, kept whole so the percentiles are exact (8 bytes a sample). */
export class LatencySamples {
  private readonly ms: number[] = [];

  add(ms: number): void {
    this.ms.push(ms);
  }

  get count(): number {
    return this.ms.length;
  }

  values(): readonly number[] {
    return this.ms;
  }

  /** p50, p99, max and mean; null while there are no samples. */
  summary(): LatencySummary | null {
    if (this.ms.length === 0) return null;
    const ascending = [...this.ms].sort((a, b) => a - b);
    const total = ascending.reduce((sum, value) => sum + value, 0);
    return {
      p50: percentile(ascending, 50),
      p99: percentile(ascending, 99),
      max: ascending[ascending.length - 1] as number,
      mean: total / ascending.length,
    };
  }
}

/** The requests of one route (`POST /chat/like`, `ws chat.send`). */
export interface RouteStats {
  requests: number;
  errors: number;
  /** Of the requests that got an answer (any status); a request that got none has no latency. */
  latency: LatencySamples;
}

/**
 * Every request of one phase of a load run by route, and every failure by its code: `<status> <code>`
 * for a refusal (`429 rate_limited`), the transport's code for a request that got no answer
 * (`timeout`, `ECONNREFUSED`), and the code of a failure outside any request (a lost connection).
 */
export class RequestRecorder {
  readonly routes = new Map<string, RouteStats>();
  readonly errors = new Map<string, number>();
  private total = 0;

  /** One request: its latency when it got an answer, and its error code when it failed. */
  record(route: string, latencyMs: number | undefined, error?: string): void {
    let stats = this.routes.get(route);
    if (stats === undefined) {
      stats = { requests: 0, errors: 0, latency: new LatencySamples() };
      this.routes.set(route, stats);
    }
    stats.requests++;
    this.total++;
    if (latencyMs !== undefined) stats.latency.add(latencyMs);
    if (error !== undefined) {
      stats.errors++;
      this.recordError(error);
    }
  }

  /** A failure counted by its code only (not a request). */
  recordError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  get requests(): number {
    return this.total;
  }

  get errorCount(): number {
    let count = 0;
    for (const value of this.errors.values()) count += value;
    return count;
  }

  /** Every answered request's latency, all routes together. */
  allLatencies(): LatencySamples {
    const all = new LatencySamples();
    for (const stats of this.routes.values()) for (const ms of stats.latency.values()) all.add(ms);
    return all;
  }
}

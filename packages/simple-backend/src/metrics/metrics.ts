import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The process-wide Prometheus registry with Node's default metrics (memory, event-loop lag, GC). */
export class Metrics {
  readonly registry = new Registry();

  constructor(prefix = "venus_") {
    collectDefaultMetrics({
      register: this.registry,
      prefix,
      eventLoopMonitoringPrecision: 10,
    });
  }

  /**
   * Asking again for a name already registered returns that metric, so two instances of a component
   * (two HTTP listeners) share it; their label values keep them apart.
   */
  private existing<M>(name: string): M | undefined {
    return this.registry.getSingleMetric(name) as M | undefined;
  }

  counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
    return (
      this.existing<Counter<string>>(name) ??
      new Counter({ name, help, labelNames, registers: [this.registry] })
    );
  }

  gauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
    return (
      this.existing<Gauge<string>>(name) ?? new Gauge({ name, help, labelNames, registers: [this.registry] })
    );
  }

  histogram(name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram<string> {
    return (
      this.existing<Histogram<string>>(name) ??
      new Histogram({ name, help, buckets, labelNames, registers: [this.registry] })
    );
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Seconds buckets from 100 µs to 10 s, for request and commit latency. */
export const LATENCY_BUCKETS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10,
];

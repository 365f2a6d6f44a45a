import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One measured quantity for the subject and for the baseline measured in the same run. */
export interface Metric {
  name: string;
  unit: string;
  better: "lower" | "higher";
  subject: number;
  baseline: number;
}

export interface BenchmarkResult {
  id: string;
  title: string;
  subject: string;
  baseline: string;
  parameters: Record<string, number | string>;
  metrics: Metric[];
}

export function ratio(metric: Metric): number {
  return metric.subject / metric.baseline;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A ratio to 3 significant figures, however small or large: 0.000312, 1.05, 3.90, 28.3, 7,770. */
function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString("en-US", { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });
}

/** A Markdown table: one row per metric, with the subject / baseline ratio. */
export function formatTable(result: BenchmarkResult): string {
  const header = ["metric", result.subject, result.baseline, "ratio", "better"];
  const rows = result.metrics.map((m) => [
    `${m.name} (${m.unit})`,
    format(m.subject),
    format(m.baseline),
    `${formatRatio(ratio(m))}×`,
    m.better,
  ]);
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((row) => (row[i] as string).length)),
  );
  const pad = (cell: string, i: number) =>
    i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number);
  const line = (cells: string[]) => `| ${cells.map(pad).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`;
  const parameters = Object.entries(result.parameters)
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
  return [`### ${result.title}`, "", parameters, "", line(header), rule, ...rows.map(line)].join("\n");
}

/** Writes the run, with each metric's ratio, to `<dir>/<timestamp>.json` and `<dir>/latest.json`. */
export function writeResults(dir: string, run: object, results: readonly BenchmarkResult[]): string {
  const withRatios = results.map((result) => ({
    ...result,
    metrics: result.metrics.map((metric) => ({ ...metric, ratio: ratio(metric) })),
  }));
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify({ ...run, results: withRatios }, null, 2)}\n`;
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, text);
  writeFileSync(join(dir, "latest.json"), text);
  return file;
}

const started = performance.now();

/** A progress line on stderr, so a long run shows where it is. */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`[${seconds.padStart(6)} s] ${message}\n`);
}

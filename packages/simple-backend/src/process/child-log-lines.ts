import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { Logger } from "../logger.js";

/**
 * Forwards a child's stderr to the logger, line by line. A pino JSON line keeps its level, message
 * and fields (under the child's name and pid); any other line is logged as a warning, as text.
 */

const LEVELS: Record<number, "trace" | "debug" | "info" | "warn" | "error" | "fatal"> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};
const MAX_LINE_CHARS = 16 * 1024;
const DROPPED_FIELDS = new Set(["level", "time", "pid", "hostname", "name", "msg"]);

export function forwardChildLog(
  stderr: Readable,
  log: Logger,
  worker: string,
  pid: number | undefined,
): void {
  const lines = createInterface({ input: stderr, crlfDelay: Infinity });
  lines.on("line", (raw) => {
    const line = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)}…` : raw;
    const entry = parseJsonLine(line);
    if (!entry) {
      if (line.trim() !== "") log.warn({ worker, pid, line }, "worker stderr");
      return;
    }
    const level = (typeof entry.level === "number" && LEVELS[entry.level]) || "info";
    const fields: Record<string, unknown> = { worker, pid };
    for (const [key, value] of Object.entries(entry)) if (!DROPPED_FIELDS.has(key)) fields[key] = value;
    log[level](fields, typeof entry.msg === "string" ? entry.msg : "worker log");
  });
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** JSON lines logger; `destination` defaults to stdout (use fd 2 for processes whose stdout is a protocol). */
export function createLogger(
  level: LogLevel,
  name: string,
  destination?: DestinationStream | number,
): Logger {
  const stream =
    typeof destination === "number" ? pino.destination({ fd: destination, sync: true }) : destination;
  return pino({ level, name, base: { pid: process.pid } }, stream ?? pino.destination({ fd: 1, sync: true }));
}

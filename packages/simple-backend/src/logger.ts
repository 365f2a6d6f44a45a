import { isatty } from "node:tty";
import { pino, type Logger, type DestinationStream } from "pino";
import { prettyFactory } from "pino-pretty";

export type { Logger };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ["auto", "json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * `auto` is `pretty` when `fd` is a terminal (a person reads it) and `json` otherwise: a pipe, a file,
 * the manager that supervises the server, systemd's journal, a test.
 */
export function resolveLogFormat(format: LogFormat, fd: number): "json" | "pretty" {
  if (format !== "auto") return format;
  return isatty(fd) ? "pretty" : "json";
}

/**
 * One human-readable line per entry (time, level, name, message, then the other fields), formatted in
 * this process and written synchronously like the JSON lines: no worker thread, nothing lost at exit.
 */
function prettyDestination(fd: number): DestinationStream {
  const format = prettyFactory({
    colorize: isatty(fd),
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "hostname",
    singleLine: true,
  });
  const sink = pino.destination({ fd, sync: true });
  return { write: (line: string) => void sink.write(format(line)) };
}

/**
 * A pino logger: JSON lines by default, or pretty ones (`format`, for `fd` destinations). The
 * destination defaults to stdout (use fd 2 for processes whose stdout is a protocol).
 */
export function createLogger(
  level: LogLevel,
  name: string,
  destination: DestinationStream | number = 1,
  format: LogFormat = "json",
): Logger {
  const stream =
    typeof destination !== "number"
      ? destination
      : resolveLogFormat(format, destination) === "pretty"
        ? prettyDestination(destination)
        : pino.destination({ fd: destination, sync: true });
  return pino({ level, name, base: { pid: process.pid } }, stream);
}

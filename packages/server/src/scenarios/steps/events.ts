import type { VenusClient } from "@venus/bot-client";
import type { EventName } from "@venus/model";
import { createLogger, type Logger } from "@venus/simple-backend";

/**
 * Waits for `check` to return something other than undefined, asking again after each `event` the
 * client receives (events queued before the call count): no polling and no sleeps. The events of
 * this name are consumed.
 */
export async function afterEvents<T>(
  client: VenusClient,
  event: EventName,
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    const left = until - Date.now();
    if (left <= 0) throw new Error(`gave up waiting for ${event} to bring the expected change`);
    await client.next(event, { timeoutMs: left });
  }
}

/** One parsed log line of a bot. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** A logger for bots whose lines are kept, with a wait for a line by its message. */
export interface LogCollector {
  log: Logger;
  lines: LogLine[];
  /** Lines at warn (40) or above. */
  problems(): LogLine[];
  /** Resolves with the first line (already logged or still to come) whose `msg` is `msg` and that passes `matches`. */
  waitFor(msg: string, matches?: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

export function collectLogs(name: string, level: "debug" | "info" = "info"): LogCollector {
  const lines: LogLine[] = [];
  const waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const log = createLogger(level, name, {
    write: (text: string) => {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      for (const waiter of [...waiters])
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
    },
  });
  return {
    log,
    lines,
    problems: () => lines.filter((line) => line.level >= 40),
    waitFor(msg, matches = () => true, timeoutMs = 10_000) {
      const test = (line: LogLine) => line.msg === msg && matches(line);
      const found = lines.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no "${msg}" log line within ${timeoutMs} ms: ${JSON.stringify(lines)}`));
        }, timeoutMs);
        const waiter = {
          test,
          resolve: (line: LogLine) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        waiters.push(waiter);
      });
    },
  };
}

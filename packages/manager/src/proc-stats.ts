import { readFile } from "node:fs/promises";

/** What the manager reports about a process's resource use (Linux /proc). */
export interface ProcessResources {
  /** One letter: R running, S sleeping, D disk wait, Z zombie, T stopped, … */
  state: string;
  threads: number;
  cpu_user_seconds: number;
  cpu_system_seconds: number;
  /** Resident memory now, and its peak. */
  rss_bytes: number;
  peak_rss_bytes: number;
  virtual_bytes: number;
}

/** Clock ticks per second of /proc/PID/stat times: USER_HZ, 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;

/** Fields of /proc/PID/stat we use. The command name, in parentheses, may itself hold spaces and ")". */
export function parseProcStat(text: string): { state: string; utimeTicks: number; stimeTicks: number } {
  const close = text.lastIndexOf(")");
  if (close < 0) throw new Error("not a /proc/PID/stat line");
  // Fields after the name, numbered as in proc(5): state is field 3, utime 14, stime 15.
  const fields = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number) => {
    const value = fields[n - 3];
    if (value === undefined) throw new Error(`/proc/PID/stat has no field ${n}`);
    return value;
  };
  return { state: field(3), utimeTicks: Number(field(14)), stimeTicks: Number(field(15)) };
}

/** `Key:\tvalue` lines of /proc/PID/status; sizes (`123 kB`) in bytes, other numbers as numbers. */
export function parseProcStatus(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^(\w+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (!match) continue;
    const [, key, number] = match as unknown as [string, string, string];
    values.set(key, Number(number) * (line.trimEnd().endsWith("kB") ? 1024 : 1));
  }
  return values;
}

export function processResources(stat: string, status: string): ProcessResources {
  const parsed = parseProcStat(stat);
  const values = parseProcStatus(status);
  return {
    state: parsed.state,
    threads: values.get("Threads") ?? 0,
    cpu_user_seconds: parsed.utimeTicks / CLOCK_TICKS,
    cpu_system_seconds: parsed.stimeTicks / CLOCK_TICKS,
    rss_bytes: values.get("VmRSS") ?? 0,
    peak_rss_bytes: values.get("VmHWM") ?? 0,
    virtual_bytes: values.get("VmSize") ?? 0,
  };
}

/** The resource use of process `pid`, or undefined when it is gone or /proc is not there. */
export async function readProcessResources(pid: number): Promise<ProcessResources | undefined> {
  try {
    const [stat, status] = await Promise.all([
      readFile(`/proc/${pid}/stat`, "utf8"),
      readFile(`/proc/${pid}/status`, "utf8"),
    ]);
    return processResources(stat, status);
  } catch {
    return undefined;
  }
}

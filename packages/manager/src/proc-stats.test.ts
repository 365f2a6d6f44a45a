import { describe, expect, it } from "vitest";
import { parseProcStat, parseProcStatus, processResources, readProcessResources } from "./proc-stats.js";

const STAT =
  "4242 (node (venus) x) S 1 4242 4242 0 -1 4194560 12000 0 3 0 1234 567 0 0 20 0 11 0 99999 " +
  "1200000000 30000 18446744073709551615 1 1 0 0 0 0 0 16781312 17920 0 0 0 17 1 0 0 0 0 0";

const STATUS = [
  "Name:\tnode",
  "State:\tS (sleeping)",
  "Pid:\t4242",
  "VmPeak:\t 1300000 kB",
  "VmSize:\t 1200000 kB",
  "VmHWM:\t  150000 kB",
  "VmRSS:\t  120000 kB",
  "Threads:\t11",
  "Cpus_allowed_list:\t0-1",
].join("\n");

describe("/proc parsing", () => {
  it("reads stat fields after a command name holding spaces and parentheses", () => {
    expect(parseProcStat(STAT)).toEqual({ state: "S", utimeTicks: 1234, stimeTicks: 567 });
  });

  it("refuses text that is not a stat line", () => {
    expect(() => parseProcStat("garbage")).toThrow();
    expect(() => parseProcStat("1 (x) S 1")).toThrow(/field 14/);
  });

  it("reads status sizes in bytes and plain numbers as they are", () => {
    const values = parseProcStatus(STATUS);
    expect(values.get("VmRSS")).toBe(120000 * 1024);
    expect(values.get("Threads")).toBe(11);
    expect(values.has("Name")).toBe(false);
  });

  it("combines both into the reported resources", () => {
    expect(processResources(STAT, STATUS)).toEqual({
      state: "S",
      threads: 11,
      cpu_user_seconds: 12.34,
      cpu_system_seconds: 5.67,
      rss_bytes: 120000 * 1024,
      peak_rss_bytes: 150000 * 1024,
      virtual_bytes: 1200000 * 1024,
    });
  });

  it("reads this very process, and nothing for a process that does not exist", async () => {
    const own = await readProcessResources(process.pid);
    expect(own?.rss_bytes).toBeGreaterThan(0);
    expect(own?.threads).toBeGreaterThan(0);
    expect(await readProcessResources(2 ** 31 - 1)).toBeUndefined();
  });
});

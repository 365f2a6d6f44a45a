import { describe, expect, test } from "vitest";
import { MISSED_GRACE_MS, nextWake, nextWindow, noticeTime, overdueOutcome } from "./maintenance-window.js";

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

describe("nextWindow", () => {
  test("is today's window while it is ahead, else tomorrow's", () => {
    expect(nextWindow(at("2026-03-10T02:00:00Z"), "04:00")).toBe(at("2026-03-10T04:00:00Z"));
    expect(nextWindow(at("2026-03-10T04:00:00Z"), "04:00")).toBe(at("2026-03-11T04:00:00Z"));
    expect(nextWindow(at("2026-03-10T23:59:00Z"), "00:00")).toBe(at("2026-03-11T00:00:00Z"));
  });

  test("skips a window nearer than the lead", () => {
    const now = at("2026-03-10T03:57:00Z");
    expect(nextWindow(now, "04:00")).toBe(at("2026-03-10T04:00:00Z"));
    expect(nextWindow(now, "04:00", 5 * MINUTE)).toBe(at("2026-03-11T04:00:00Z"));
    expect(nextWindow(now, "04:00", 2 * MINUTE)).toBe(at("2026-03-10T04:00:00Z"));
  });

  test("crosses months and years", () => {
    expect(nextWindow(at("2026-12-31T22:30:00Z"), "21:15")).toBe(at("2027-01-01T21:15:00Z"));
  });
});

describe("noticeTime and nextWake", () => {
  test("the notice comes noticeMs before the start, or at once when the start is nearer", () => {
    const start = at("2026-03-10T04:00:00Z");
    expect(noticeTime(start, 5 * MINUTE, at("2026-03-09T12:00:00Z"))).toBe(start - 5 * MINUTE);
    expect(noticeTime(start, 5 * MINUTE, start - MINUTE)).toBe(start - MINUTE);
  });

  test("wakes for the notice until it is sent, then for the start", () => {
    expect(nextWake(100, 40, false)).toBe(40);
    expect(nextWake(100, 40, true)).toBe(100);
    expect(nextWake(100, undefined, false)).toBe(100);
  });
});

describe("overdueOutcome", () => {
  const start = at("2026-03-10T04:00:00Z");
  test("a task still ahead is not overdue", () => {
    expect(overdueOutcome("reboot_system", start, start - 1)).toBeUndefined();
  });
  test("a passed server restart is done: the manager's own start started the server afresh", () => {
    expect(overdueOutcome("restart_server", start, start + 10 * MINUTE)).toBe("done");
  });
  test("a passed reboot runs late within the grace, and is missed after it", () => {
    expect(overdueOutcome("reboot_system", start, start)).toBe("run");
    expect(overdueOutcome("reboot_system", start, start + MISSED_GRACE_MS)).toBe("run");
    expect(overdueOutcome("reboot_system", start, start + MISSED_GRACE_MS + 1)).toBe("missed");
  });
});

import { DEFAULT_NOTIFICATION_SETTINGS } from "@venus/model";
import { describe, expect, it } from "vitest";
import { decideCause } from "./cause-decision.js";

const row = (kind: string) => ({ account_id: "a", kind, count: 3, first_at: 0, last_at: 0, sender: null });
const NOW = Date.parse("2026-12-07T12:00:00Z");

describe("deciding a waiting push cause", () => {
  it("pushes at once the first time, then waits out the coalescing interval", () => {
    expect(decideCause(row("message"), DEFAULT_NOTIFICATION_SETTINGS, undefined, 60_000, NOW)).toEqual({
      action: "push",
    });
    expect(decideCause(row("message"), DEFAULT_NOTIFICATION_SETTINGS, NOW - 10_000, 60_000, NOW)).toEqual({
      action: "wait",
      at: NOW + 50_000,
    });
    expect(decideCause(row("message"), DEFAULT_NOTIFICATION_SETTINGS, NOW - 60_000, 60_000, NOW)).toEqual({
      action: "push",
    });
  });

  it("drops kinds switched off, except account pushes; quiet hours make any kind wait", () => {
    const off = {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      kinds: { messages: false, likes: false, matches: false, moderation: false, news: false },
    };
    for (const kind of ["message", "like", "match", "moderation", "news"])
      expect(decideCause(row(kind), off, undefined, 0, NOW)).toEqual({ action: "drop" });
    expect(decideCause(row("account"), off, undefined, 0, NOW)).toEqual({ action: "push" });
    const quiet = { ...off, quiet_hours: { start: "11:00", end: "13:00", utc_offset_minutes: 0 } };
    expect(decideCause(row("account"), quiet, undefined, 0, NOW)).toEqual({
      action: "wait",
      at: Date.parse("2026-12-07T13:00:00Z"),
    });
  });
});

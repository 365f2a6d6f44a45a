import { describe, expect, it } from "vitest";
import { deletionCancellable, deletionDue, deletionTime } from "./deletion-rules.js";

const DAY_MS = 86_400_000;

describe("deletion rules", () => {
  it("waits the configured days, fractions too", () => {
    expect(deletionTime(1000, 90)).toBe(1000 + 90 * DAY_MS);
    expect(deletionTime(1000, 0)).toBe(1000);
    expect(deletionTime(0, 1 / 86_400)).toBe(1000);
  });

  it("is cancellable strictly before its time, and due from its time on", () => {
    const deletion = { at: 5000, stateBefore: "normal" as const, deleting: false };
    expect(deletionCancellable(deletion, 4999)).toBe(true);
    expect(deletionDue(deletion, 4999)).toBe(false);
    expect(deletionCancellable(deletion, 5000)).toBe(false);
    expect(deletionDue(deletion, 5000)).toBe(true);
  });

  it("is due and no longer cancellable once removing has begun", () => {
    const deletion = { at: 5000, stateBefore: "normal" as const, deleting: true };
    expect(deletionDue(deletion, 0)).toBe(true);
    expect(deletionCancellable(deletion, 0)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { FailedKeyDelays } from "./failed-key-delays.js";

describe("FailedKeyDelays", () => {
  it("doubles the delay with each wrong key from one address, up to the cap", () => {
    const delays = new FailedKeyDelays({ baseMs: 250, maxMs: 1000 });
    expect([1, 2, 3, 4, 5].map(() => delays.fail("10.0.0.1", 0))).toEqual([250, 500, 1000, 1000, 1000]);
  });

  it("slows only the address that sent the wrong keys", () => {
    const delays = new FailedKeyDelays({ baseMs: 100, maxMs: 10_000 });
    delays.fail("10.0.0.1", 0);
    delays.fail("10.0.0.1", 0);
    expect(delays.fail("10.0.0.2", 0)).toBe(100);
    expect(delays.failuresOf("10.0.0.1")).toBe(2);
  });

  it("starts again from the base after a right key", () => {
    const delays = new FailedKeyDelays({ baseMs: 100, maxMs: 10_000 });
    delays.fail("a", 0);
    delays.fail("a", 0);
    delays.succeed("a");
    expect(delays.failuresOf("a")).toBe(0);
    expect(delays.fail("a", 0)).toBe(100);
  });

  it("forgets an address that stayed quiet long enough", () => {
    const delays = new FailedKeyDelays({ baseMs: 100, maxMs: 10_000, forgetAfterMs: 60_000 });
    delays.fail("a", 0);
    expect(delays.fail("a", 59_999)).toBe(200);
    expect(delays.fail("a", 59_999 + 60_000)).toBe(100);
  });

  it("remembers a bounded number of addresses, dropping the longest quiet first", () => {
    const delays = new FailedKeyDelays({ baseMs: 100, maxMs: 10_000, maxAddresses: 2 });
    delays.fail("a", 0);
    delays.fail("b", 1);
    delays.fail("a", 2);
    delays.fail("c", 3);
    expect(delays.failuresOf("b")).toBe(0);
    expect(delays.failuresOf("a")).toBe(2);
    expect(delays.failuresOf("c")).toBe(1);
  });
});

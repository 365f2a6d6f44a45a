import { describe, expect, test } from "vitest";
import { Wakeup } from "./wakeup.js";

const elapsed = async (run: () => Promise<void>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

describe("Wakeup", () => {
  test("sleeps its time, ends early on wake or abort", async () => {
    const wakeup = new Wakeup();
    const signal = new AbortController().signal;
    expect(await elapsed(() => wakeup.sleep(50, signal))).toBeGreaterThanOrEqual(45);
    const woken = elapsed(() => wakeup.sleep(10_000, signal));
    setTimeout(() => wakeup.wake(), 10);
    expect(await woken).toBeLessThan(1000);
    const controller = new AbortController();
    const aborted = elapsed(() => wakeup.sleep(10_000, controller.signal));
    setTimeout(() => controller.abort(), 10);
    expect(await aborted).toBeLessThan(1000);
    expect(await elapsed(() => wakeup.sleep(10_000, controller.signal))).toBeLessThan(50);
  });

  test("a wake while nobody sleeps ends the next sleep at once, once", async () => {
    const wakeup = new Wakeup();
    const signal = new AbortController().signal;
    wakeup.wake();
    expect(await elapsed(() => wakeup.sleep(10_000, signal))).toBeLessThan(50);
    expect(await elapsed(() => wakeup.sleep(30, signal))).toBeGreaterThanOrEqual(25);
  });
});

import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { Shutdown } from "./shutdown.js";

const log = createLogger("silent", "test");

function recorder() {
  const codes: number[] = [];
  let exited: (code: number) => void = () => {};
  const firstExit = new Promise<number>((resolve) => (exited = resolve));
  return {
    codes,
    firstExit,
    exit: (code: number) => {
      codes.push(code);
      exited(code);
    },
  };
}

describe("Shutdown", () => {
  it("runs the steps one after another, in order, then exits 0", async () => {
    const exit = recorder();
    const shutdown = new Shutdown(log, 5000, exit.exit);
    const events: string[] = [];
    shutdown.add("slow", async () => {
      events.push("slow start");
      await sleep(30);
      events.push("slow end");
    });
    shutdown.add("sync", () => {
      events.push("sync");
    });
    shutdown.add("fast", async () => {
      events.push("fast start");
      await sleep(1);
      events.push("fast end");
    });
    expect(shutdown.started).toBe(false);
    const done = shutdown.shutdown();
    expect(shutdown.started).toBe(true);
    expect(exit.codes).toEqual([]);
    await done;
    expect(events).toEqual(["slow start", "slow end", "sync", "fast start", "fast end"]);
    expect(exit.codes).toEqual([0]);
  });

  it("runs the steps once however often it is asked", async () => {
    const exit = recorder();
    const shutdown = new Shutdown(log, 5000, exit.exit);
    let runs = 0;
    shutdown.add("count", () => {
      runs++;
    });
    const first = shutdown.shutdown();
    const second = shutdown.shutdown();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    expect(runs).toBe(1);
    expect(exit.codes).toEqual([0]);
  });

  it("goes on after a failing step and exits 1", async () => {
    const exit = recorder();
    const shutdown = new Shutdown(log, 5000, exit.exit);
    const ran: string[] = [];
    shutdown.add("flush", () => {
      ran.push("flush");
      throw new Error("disk full");
    });
    shutdown.add("close", async () => {
      ran.push("close");
      await sleep(1);
      throw new Error("rejected");
    });
    shutdown.add("release lock", () => {
      ran.push("release lock");
    });
    await shutdown.shutdown();
    expect(ran).toEqual(["flush", "close", "release lock"]);
    expect(exit.codes).toEqual([1]);
  });

  it("exits 1 when the steps do not finish before the deadline", async () => {
    const exit = recorder();
    const shutdown = new Shutdown(log, 50, exit.exit);
    let releaseStuck: () => void = () => {};
    let laterStepRan = false;
    shutdown.add("stuck", () => new Promise<void>((resolve) => (releaseStuck = resolve)));
    shutdown.add("later", () => {
      laterStepRan = true;
    });
    const started = Date.now();
    void shutdown.shutdown();
    expect(await exit.firstExit).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(laterStepRan).toBe(false);
    releaseStuck();
  });

  it("does not fire the deadline after finishing in time", async () => {
    const exit = recorder();
    const shutdown = new Shutdown(log, 30, exit.exit);
    shutdown.add("quick", () => {});
    await shutdown.shutdown();
    await sleep(80);
    expect(exit.codes).toEqual([0]);
  });

  it("starts on a signal it listens for", async () => {
    const exit = recorder();
    const shutdown = new Shutdown(log, 5000, exit.exit);
    let ran = false;
    shutdown.add("step", () => {
      ran = true;
    });
    const others = process.listeners("SIGUSR2");
    shutdown.listen(["SIGUSR2"]);
    try {
      process.kill(process.pid, "SIGUSR2");
      expect(await exit.firstExit).toBe(0);
      expect(ran).toBe(true);
    } finally {
      for (const listener of process.listeners("SIGUSR2"))
        if (!others.includes(listener)) process.off("SIGUSR2", listener);
    }
  });
});

import { describe, expect, test } from "vitest";
import { EventQueue, EventTimeoutError } from "./event-queue.js";

const typing = (account_id: string, on = true) => ({
  event: "typing" as const,
  data: { account_id, typing: on },
});

describe("EventQueue", () => {
  test("an event pushed before next() is called is taken by it", async () => {
    const queue = new EventQueue();
    queue.push(typing("a"));
    expect(await queue.next("typing")).toEqual({ account_id: "a", typing: true });
    expect(queue.queued()).toEqual([]);
  });

  test("a waiting next() gets the event as it is pushed; events it does not match stay queued", async () => {
    const queue = new EventQueue();
    const waiting = queue.next("typing", { predicate: (data) => data.account_id === "b" });
    queue.push(typing("a"));
    queue.push(typing("b"));
    expect(await waiting).toEqual({ account_id: "b", typing: true });
    expect(queue.queued()).toEqual([typing("a")]);
  });

  test("handlers see every event, also those next() takes", async () => {
    const queue = new EventQueue();
    const seen: string[] = [];
    const stop = queue.on("typing", (data) => seen.push(data.account_id));
    queue.push(typing("a"));
    await queue.next("typing");
    stop();
    queue.push(typing("b"));
    expect(seen).toEqual(["a"]);
  });

  test("a full queue drops its oldest events", () => {
    const queue = new EventQueue({ maxQueued: 2 });
    for (const id of ["a", "b", "c"]) queue.push(typing(id));
    expect(queue.queued().map((event) => event.event === "typing" && event.data.account_id)).toEqual([
      "b",
      "c",
    ]);
    expect(queue.dropped).toBe(1);
  });

  test("next() times out with what was queued", async () => {
    const queue = new EventQueue();
    queue.push(typing("a"));
    const error = await queue.next("match", { timeoutMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventTimeoutError);
    expect((error as Error).message).toContain("queued: typing");
  });

  test("drain() removes and returns the matching events", () => {
    const queue = new EventQueue();
    queue.push(typing("a"));
    queue.push({ event: "matches_changed", data: undefined });
    expect(queue.drain((event) => event.event === "typing")).toEqual([typing("a")]);
    expect(queue.queued()).toEqual([{ event: "matches_changed", data: undefined }]);
  });
});

import { expect, test } from "vitest";
import { MessageClock } from "./message-clock.js";

test("times a message from its send leaving to its delivery, once", () => {
  const clock = new MessageClock();
  clock.sending("a", "u1", 100);
  clock.sending("a", "u1", 150); // a retry keeps the first time
  clock.answered("a", "u1", true);
  clock.delivered("a", "u1", 112.5);
  clock.delivered("a", "u1", 200); // delivered again: not counted again
  expect(clock.sent).toBe(1);
  expect(clock.received).toBe(1);
  expect(clock.latency.values()).toEqual([12.5]);
});

test("a message delivered before its send answer is still timed", () => {
  const clock = new MessageClock();
  clock.sending("a", "u1", 10);
  clock.delivered("a", "u1", 13);
  clock.answered("a", "u1", true);
  expect([clock.sent, clock.received]).toEqual([1, 1]);
  expect(clock.latency.values()).toEqual([3]);
});

test("refused sends, unknown messages and messages in flight at a reset are not timed", () => {
  const clock = new MessageClock();
  clock.sending("a", "refused", 0);
  clock.answered("a", "refused", false);
  clock.delivered("a", "refused", 5);
  clock.delivered("b", "never-sent", 5);
  clock.sending("a", "late", 0);
  clock.reset();
  clock.delivered("a", "late", 5);
  expect([clock.sent, clock.received, clock.latency.count]).toEqual([0, 0, 0]);
});

import { describe, expect, it } from "vitest";
import { recipientAcknowledges, senderAcknowledges } from "./message-lifecycle.js";
import { MessageStore } from "./message-store.js";
import { testMessage } from "./testing/test-message.js";

const message = (uuid: string) => testMessage({ uuid });

describe("MessageStore", () => {
  it("counts reserved sends against both limits until they are stored or released", () => {
    const store = new MessageStore();
    store.reserve("s", "r");
    store.reserve("s", "r");
    expect(store.unacknowledgedCount("s", "r")).toBe(2);
    expect(store.awaitingSenderCount("s")).toBe(2);
    store.release("s", "r");
    store.addReserved(message("u1"));
    expect(store.unacknowledgedCount("s", "r")).toBe(1);
    expect(store.awaitingSenderCount("s")).toBe(1);
    expect([...store.inboxOf("r")].map((m) => m.uuid)).toEqual(["u1"]);
  });

  it("follows each step: delivery leaves the inbox, a receipt is owed again, finishing drops it", () => {
    const store = new MessageStore();
    const m = message("u1");
    store.add(m);
    expect(store.apply(m, senderAcknowledges)).toBe("updated");
    expect(store.awaitingSenderCount("s")).toBe(0);
    expect(store.apply(m, (x) => recipientAcknowledges(x, 5, true))).toBe("updated");
    expect([...store.inboxOf("r")]).toEqual([]);
    expect(store.unacknowledgedCount("s", "r")).toBe(0);
    expect(store.awaitingSenderCount("s")).toBe(1);
    expect(store.apply(m, senderAcknowledges)).toBe("finished");
    expect(store.awaitingSenderCount("s")).toBe(0);
    expect(store.get("s", "u1")).toBeUndefined();
    expect(store.apply(m, senderAcknowledges)).toBe("unchanged");
  });

  it("with a hidden receipt the count moves only with the sender's own acknowledgement", () => {
    const store = new MessageStore();
    const m = message("u1");
    store.add(m);
    expect(store.apply(m, (x) => recipientAcknowledges(x, 5, false))).toBe("updated");
    expect(store.awaitingSenderCount("s")).toBe(1);
    expect(store.apply(m, senderAcknowledges)).toBe("finished");
    expect(store.awaitingSenderCount("s")).toBe(0);
  });

  it("forgets every message an account sent or was sent, with the counts, and nobody else's", () => {
    const store = new MessageStore();
    store.add(testMessage({ sender: "a", recipient: "b", uuid: "1" }));
    store.add(testMessage({ sender: "b", recipient: "a", uuid: "2" }));
    store.add(testMessage({ sender: "b", recipient: "a", uuid: "3", deliveredAt: 5, receiptPending: true }));
    store.add(testMessage({ sender: "b", recipient: "c", uuid: "4" }));
    store.removeAccount("a", ["b"]);
    expect(store.get("a", "1")).toBeUndefined();
    expect(store.get("b", "2")).toBeUndefined();
    expect(store.get("b", "3")).toBeUndefined();
    expect([...store.inboxOf("a")]).toEqual([]);
    expect([...store.inboxOf("b")]).toEqual([]);
    expect(store.unacknowledgedCount("a", "b") + store.unacknowledgedCount("b", "a")).toBe(0);
    expect(store.awaitingSenderCount("a")).toBe(0);
    expect(store.awaitingSenderCount("b")).toBe(1);
    expect([...store.sentBy("b")].map((m) => m.uuid)).toEqual(["4"]);
    expect([...store.inboxOf("c")].map((m) => m.uuid)).toEqual(["4"]);
    store.removeAccount("a", ["b"]);
    expect(store.awaitingSenderCount("b")).toBe(1);
  });
});

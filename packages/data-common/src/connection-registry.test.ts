import type { DisconnectReason } from "@venus/model";
import { describe, expect, it } from "vitest";
import { ConnectionRegistry, type LiveConnection } from "./connection-registry.js";

class FakeConnection implements LiveConnection {
  readonly sent: object[] = [];
  readonly reasons: DisconnectReason[] = [];

  constructor(
    readonly accountId: string,
    readonly sessionId: string,
    readonly kind = "android",
  ) {}

  send(frame: object): void {
    this.sent.push(frame);
  }

  disconnect(reason: DisconnectReason): void {
    this.reasons.push(reason);
  }
}

describe("ConnectionRegistry", () => {
  it("keeps a connection per device: two devices of one account and kind both stay", () => {
    const registry = new ConnectionRegistry();
    const phone = new FakeConnection("acc", "s1");
    const secondPhone = new FakeConnection("acc", "s2");
    registry.attach(phone);
    registry.attach(secondPhone);
    expect(phone.reasons).toEqual([]);
    expect(registry.forSession("s1")).toBe(phone);
    expect(registry.forSession("s2")).toBe(secondPhone);
    expect(registry.size).toBe(2);
    registry.publish("acc", "account_state_changed");
    expect(phone.sent).toHaveLength(1);
    expect(secondPhone.sent).toHaveLength(1);
  });

  it("a device reconnecting on its session replaces its old connection, which is told once", () => {
    const registry = new ConnectionRegistry();
    const old = new FakeConnection("acc", "s1");
    const again = new FakeConnection("acc", "s1");
    registry.attach(old);
    registry.attach(again);
    expect(old.reasons).toEqual(["replaced"]);
    expect(registry.forSession("s1")).toBe(again);
    expect(registry.size).toBe(1);
    registry.publish("acc", "account_state_changed");
    expect(again.sent).toHaveLength(1);
    expect(old.sent).toEqual([]);
  });

  it("attaching the same connection twice changes nothing", () => {
    const registry = new ConnectionRegistry();
    const connection = new FakeConnection("acc", "s1");
    registry.attach(connection);
    registry.attach(connection);
    expect(connection.reasons).toEqual([]);
    expect(registry.size).toBe(1);
  });

  it("keeps the new connection when the replaced one is detached late", () => {
    const registry = new ConnectionRegistry();
    const old = new FakeConnection("acc", "s1");
    const fresh = new FakeConnection("acc", "s1");
    registry.attach(old);
    registry.attach(fresh);
    registry.detach(old); // the old socket's close event arrives after the replacement
    expect(registry.forSession("s1")).toBe(fresh);
    expect(registry.isOnline("acc")).toBe(true);
    registry.publish("acc", "account_state_changed");
    expect(fresh.sent).toHaveLength(1);
    expect(old.sent).toEqual([]);
  });

  it("publishes to every connected device of the account and no other", () => {
    const registry = new ConnectionRegistry();
    const phone = new FakeConnection("acc", "s1");
    const browser = new FakeConnection("acc", "s2");
    const stranger = new FakeConnection("other", "s3");
    for (const c of [phone, browser, stranger]) registry.attach(c);
    registry.publish("acc", "account_state_changed", { state: "normal" });
    const frame = {
      type: "event",
      event: "account_state_changed",
      data: { state: "normal" },
    };
    expect(phone.sent).toEqual([frame]);
    expect(browser.sent).toEqual([frame]);
    expect(stranger.sent).toEqual([]);
    registry.publish("other", "account_state_changed");
    expect(stranger.sent).toEqual([{ type: "event", event: "account_state_changed" }]);
    registry.publish("nobody", "account_state_changed");
  });

  it("goes offline when the last device detaches", () => {
    const registry = new ConnectionRegistry();
    const phone = new FakeConnection("acc", "s1");
    const browser = new FakeConnection("acc", "s2");
    registry.attach(phone);
    registry.attach(browser);
    registry.detach(phone);
    expect(registry.isOnline("acc")).toBe(true);
    registry.detach(browser);
    expect(registry.isOnline("acc")).toBe(false);
    expect(registry.size).toBe(0);
    expect(phone.reasons).toEqual([]);
  });

  it("disconnects one session or every connection with the given reason", () => {
    const registry = new ConnectionRegistry();
    const a = new FakeConnection("acc", "s1");
    const b = new FakeConnection("acc", "s2");
    const c = new FakeConnection("other", "s3");
    for (const x of [a, b, c]) registry.attach(x);
    registry.disconnectSession("s1", "logged_out");
    registry.disconnectSession("unknown", "logged_out");
    expect(a.reasons).toEqual(["logged_out"]);
    expect(registry.forSession("s1")).toBeUndefined();
    expect(registry.isOnline("acc")).toBe(true);
    registry.disconnectAll("shutting_down");
    expect(b.reasons).toEqual(["shutting_down"]);
    expect(c.reasons).toEqual(["shutting_down"]);
    expect(a.reasons).toEqual(["logged_out"]);
    expect(registry.size).toBe(0);
    expect(registry.isOnline("acc")).toBe(false);
    expect(registry.isOnline("other")).toBe(false);
  });
});

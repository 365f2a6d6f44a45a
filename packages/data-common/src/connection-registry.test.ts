import type { DisconnectReason } from "@venus/model";
import { describe, expect, it } from "vitest";
import { ConnectionRegistry, type LiveConnection } from "./connection-registry.js";

class FakeConnection implements LiveConnection {
  readonly sent: object[] = [];
  readonly reasons: DisconnectReason[] = [];

  constructor(
    readonly accountId: string,
    readonly kind: string,
    readonly sessionId: string,
  ) {}

  send(frame: object): void {
    this.sent.push(frame);
  }

  disconnect(reason: DisconnectReason): void {
    this.reasons.push(reason);
  }
}

describe("ConnectionRegistry", () => {
  it("keeps one connection per account and kind; the replaced one is told once", () => {
    const registry = new ConnectionRegistry();
    const old = new FakeConnection("acc", "android", "s1");
    const fresh = new FakeConnection("acc", "android", "s2");
    registry.attach(old);
    registry.attach(fresh);
    expect(old.reasons).toEqual(["replaced"]);
    expect(fresh.reasons).toEqual([]);
    expect(registry.forSession("s1")).toBeUndefined();
    expect(registry.forSession("s2")).toBe(fresh);
    expect(registry.size).toBe(1);
    expect(registry.isOnline("acc")).toBe(true);
    registry.publish("acc", "account_state_changed");
    expect(fresh.sent).toHaveLength(1);
    expect(old.sent).toEqual([]);
  });

  it("keeps one connection per session, even of another kind", () => {
    const registry = new ConnectionRegistry();
    const web = new FakeConnection("acc", "web", "s1");
    const bot = new FakeConnection("acc", "bot", "s1");
    registry.attach(web);
    registry.attach(bot);
    expect(web.reasons).toEqual(["replaced"]);
    expect(registry.forSession("s1")).toBe(bot);
    expect(registry.size).toBe(1);
    registry.publish("acc", "account_state_changed");
    expect(web.sent).toEqual([]);
    expect(bot.sent).toHaveLength(1);
  });

  it("tells a device reconnecting on the same session and kind only once", () => {
    const registry = new ConnectionRegistry();
    const old = new FakeConnection("acc", "ios", "s1");
    const again = new FakeConnection("acc", "ios", "s1");
    registry.attach(old);
    registry.attach(again);
    expect(old.reasons).toEqual(["replaced"]);
    expect(registry.forSession("s1")).toBe(again);
    registry.publish("acc", "account_state_changed");
    expect(again.sent).toHaveLength(1);
  });

  it("attaching the same connection twice changes nothing", () => {
    const registry = new ConnectionRegistry();
    const connection = new FakeConnection("acc", "web", "s1");
    registry.attach(connection);
    registry.attach(connection);
    expect(connection.reasons).toEqual([]);
    expect(registry.size).toBe(1);
  });

  it("keeps the new connection when the replaced one is detached late", () => {
    const registry = new ConnectionRegistry();
    const old = new FakeConnection("acc", "web", "s1");
    const fresh = new FakeConnection("acc", "web", "s1");
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
    const phone = new FakeConnection("acc", "android", "s1");
    const browser = new FakeConnection("acc", "web", "s2");
    const stranger = new FakeConnection("other", "web", "s3");
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
    const phone = new FakeConnection("acc", "android", "s1");
    const browser = new FakeConnection("acc", "web", "s2");
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
    const a = new FakeConnection("acc", "android", "s1");
    const b = new FakeConnection("acc", "web", "s2");
    const c = new FakeConnection("other", "web", "s3");
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

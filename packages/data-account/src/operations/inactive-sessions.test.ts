import { describe, expect, it } from "vitest";
import type { Session } from "../cache/session-entity.js";
import { inactiveSessions } from "./inactive-sessions.js";

const session = (id: string, lastUsedAt: number): Session => ({
  id,
  accountId: "a",
  accessHash: id,
  accessIssuedAt: 0,
  refreshHash: id,
  refreshIssuedAt: 0,
  createdAt: 0,
  lastUsedAt,
  publicId: id,
  device: null,
  retiredRefreshHashes: [],
});

describe("inactiveSessions", () => {
  it("takes sessions last used before the cutoff, not at it", () => {
    const sessions = [session("old", 99), session("edge", 100), session("new", 200)];
    expect(inactiveSessions(sessions, 100, () => false).map((s) => s.id)).toEqual(["old"]);
  });

  it("keeps a session whose WebSocket is connected now", () => {
    const sessions = [session("old", 1), session("connected", 1)];
    expect(inactiveSessions(sessions, 100, (id) => id === "connected").map((s) => s.id)).toEqual(["old"]);
  });
});

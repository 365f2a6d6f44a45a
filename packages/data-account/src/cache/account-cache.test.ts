import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ACCOUNT_MIGRATIONS,
  AccountStatements,
  openDatabase,
  type AccountRow,
  type Database,
} from "@venus/database";
import {
  ConnectionRegistry,
  GroupCommitWriter,
  Presence,
  WriteBehind,
  WriterMetrics,
} from "@venus/data-common";
import { createLogger, Metrics } from "@venus/simple-backend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccountCache, lastSeenOnAccounts } from "./account-cache.js";
import { accountToRow, newAccount, passwordHashOf, type Account, type NewAccount } from "./account-entity.js";
import type { Session } from "./session-entity.js";
import { sessionToRow } from "./session-entity.js";

function session(id: string, accountId = "acc-1"): Session {
  const hex = (n: number) => n.toString(16).padStart(64, "0");
  const seed = [...id].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7);
  return {
    id,
    accountId,
    accessHash: hex(seed),
    accessIssuedAt: 1000,
    refreshHash: hex(seed + 1),
    refreshIssuedAt: 1000,
    createdAt: 1000,
    lastUsedAt: 1000,
    publicId: hex(seed + 2).slice(0, 32),
    device: { kind: "ios", version: "2.1.0", address: "192.0.2.0/24" },
    retiredRefreshHashes: [],
  };
}

const retiredHash = (n: number) => `ee${n.toString(16).padStart(62, "0")}`;

describe("AccountCache.retireRefresh", () => {
  it("keeps at most N retired hashes per session, dropping the oldest", () => {
    const cache = new AccountCache();
    const s = session("s1");
    cache.addSession(s);
    for (let n = 1; n <= 5; n++) cache.retireRefresh(s, retiredHash(n), 3);
    expect(s.retiredRefreshHashes).toEqual([retiredHash(3), retiredHash(4), retiredHash(5)]);
    expect([...cache.sessionsByRetiredRefresh.keys()].sort()).toEqual([
      retiredHash(3),
      retiredHash(4),
      retiredHash(5),
    ]);
    for (const n of [1, 2]) expect(cache.sessionsByRetiredRefresh.has(retiredHash(n))).toBe(false);
    expect(cache.sessionsByRetiredRefresh.get(retiredHash(5))).toBe(s);
  });

  it("keeps exactly N when exactly N were retired", () => {
    const cache = new AccountCache();
    const s = session("s1");
    cache.addSession(s);
    for (let n = 1; n <= 2; n++) cache.retireRefresh(s, retiredHash(n), 2);
    expect(s.retiredRefreshHashes).toHaveLength(2);
    expect(cache.sessionsByRetiredRefresh.size).toBe(2);
    cache.retireRefresh(s, retiredHash(3), 2);
    expect(s.retiredRefreshHashes).toEqual([retiredHash(2), retiredHash(3)]);
    expect(cache.sessionsByRetiredRefresh.size).toBe(2);
  });

  it("counts each session on its own", () => {
    const cache = new AccountCache();
    const a = session("a");
    const b = session("b");
    cache.addSession(a);
    cache.addSession(b);
    cache.retireRefresh(a, retiredHash(1), 1);
    cache.retireRefresh(b, retiredHash(2), 1);
    cache.retireRefresh(a, retiredHash(3), 1);
    expect(cache.sessionsByRetiredRefresh.get(retiredHash(2))).toBe(b);
    expect(cache.sessionsByRetiredRefresh.get(retiredHash(3))).toBe(a);
    expect(cache.sessionsByRetiredRefresh.has(retiredHash(1))).toBe(false);
  });

  it("forgets a removed session's retired hashes and its other indexes", () => {
    const cache = new AccountCache();
    const s = session("s1");
    const other = session("s2");
    cache.addSession(s);
    cache.addSession(other);
    cache.retireRefresh(s, retiredHash(1), 16);
    cache.removeSession(s);
    expect(cache.sessionsByRetiredRefresh.size).toBe(0);
    expect(cache.sessions.has("s1")).toBe(false);
    expect(cache.sessionsByAccess.has(s.accessHash)).toBe(false);
    expect(cache.sessionsByRefresh.has(s.refreshHash)).toBe(false);
    expect([...(cache.sessionsByAccount.get("acc-1") ?? [])]).toEqual([other]);
    cache.removeSession(other);
    expect(cache.sessionsByAccount.has("acc-1")).toBe(false);
  });
});

describe("AccountCache.load", () => {
  let dir: string;
  let db: Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "venus-account-cache-"));
    db = openDatabase(join(dir, "account.sqlite"), ACCOUNT_MIGRATIONS);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads accounts, sessions and retired refresh hashes, oldest retired first", () => {
    const statements = new AccountStatements(db);
    const account: AccountRow = {
      id: "acc-1",
      email: "ann@example.com",
      password_hash: "$argon2id$stub",
      state: "normal",
      permissions: '["ban"]',
      sync_version: 3,
      created_at: 1000,
      last_seen_at: null,
      name: "Ann",
      birthdate: null,
      gender: "woman",
      looking_for: '["man"]',
      initial_age: 30,
      initial_age_year: 2024,
      bot: 0,
      locked: 0,
      ban_until: null,
      ban_reason: null,
      state_before_ban: null,
      deletion_at: null,
      state_before_deletion: null,
      deleting: 0,
      email_verified: 1,
      language: null,
    };
    statements.insertAccount({ ...account, last_seen_at: 1234 });
    const s = session("s1");
    statements.insertSession(sessionToRow(s));
    // Inserted out of order: load sorts by retired_at.
    for (const [n, at] of [
      [2, 200],
      [1, 100],
      [3, 300],
    ] as const)
      statements.retireRefreshToken(
        {
          token_hash: Buffer.from(retiredHash(n), "hex"),
          session_id: "s1",
          retired_at: at,
        },
        16,
      );

    const writer = new GroupCommitWriter(db, {
      name: "account",
      maxBatchDelayMs: 0,
      maxBatchSize: 1,
      log: createLogger("silent", "test"),
      metrics: new WriterMetrics(new Metrics()),
    });
    const cache = AccountCache.load(statements);
    const presence = new Presence(
      new ConnectionRegistry(),
      new WriteBehind(writer, () => {}),
      lastSeenOnAccounts(cache.accounts),
    );
    const loaded = cache.accounts.get("acc-1");
    expect(loaded?.email).toBe("ann@example.com");
    expect(loaded?.emailVerified).toBe(true);
    expect(loaded?.permissions).toEqual(new Set(["ban"]));
    expect(cache.byEmail.get("ann@example.com")).toBe(loaded);
    expect(presence.lastSeenAt("acc-1")).toBe(1234);
    presence.markSeen("acc-1", 5678);
    expect(loaded?.lastSeenAt).toBe(5678);
    presence.markSeen("gone", 1);
    expect(presence.lastSeenAt("gone")).toBeUndefined();
    const loadedSession = cache.sessionsByAccess.get(s.accessHash);
    expect(loadedSession?.id).toBe("s1");
    expect(loadedSession?.publicId).toBe(s.publicId);
    expect(loadedSession?.device).toEqual(s.device);
    expect(cache.sessionsByRefresh.get(s.refreshHash)).toBe(loadedSession);
    expect(loadedSession?.retiredRefreshHashes).toEqual([retiredHash(1), retiredHash(2), retiredHash(3)]);
    expect(cache.sessionsByRetiredRefresh.get(retiredHash(2))).toBe(loadedSession);
  });

  it("reads back every field of accounts in each state, sharing equal permission sets and gender lists", () => {
    const statements = new AccountStatements(db);
    const base = (id: string, extra: Partial<NewAccount>): NewAccount => ({
      ...newAccount({
        id,
        email: `${id}@example.com`,
        passwordHash: `$argon2id$${id}`,
        permissions: new Set(["ban", "moderate_texts"]),
        createdAt: 1000,
        bot: false,
      }),
      state: "normal",
      name: "Ann",
      birthdate: "1990-05-01",
      gender: "woman",
      lookingFor: ["man", "non_binary"],
      initialAge: 34,
      initialAgeYear: 2024,
      ...extra,
    });
    const accounts = [
      base("plain", { emailVerified: true }),
      base("banned", { state: "banned", ban: { until: 5000, reason: "spam", stateBefore: "normal" } }),
      base("leaving", {
        state: "pending_deletion",
        locked: true,
        bot: true,
        deletion: { at: 9000, stateBefore: "initial_setup", deleting: true },
      }),
      base("new", { state: "initial_setup", gender: null, lookingFor: null, permissions: new Set() }),
      base("provider", { passwordHash: "", lastSeenAt: 7000 }),
    ];
    for (const account of accounts) statements.insertAccount(accountToRow(account));
    const cache = AccountCache.load(statements);
    for (const account of accounts) {
      const loaded = cache.accounts.get(account.id) as Account;
      // A set hash stays in the database until it is checked; "no password" is known in memory.
      expect(loaded).toEqual({ ...account, passwordHash: account.passwordHash === "" ? "" : null });
      expect(passwordHashOf(statements, loaded)).toBe(account.passwordHash);
    }
    const [plain, banned] = ["plain", "banned"].map((id) => cache.accounts.get(id) as Account);
    expect(plain?.permissions).toBe(banned?.permissions);
    expect(plain?.lookingFor).toBe(banned?.lookingFor);
  });
});

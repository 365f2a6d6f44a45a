import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../open-database.js";
import { ACCOUNT_MIGRATIONS } from "./account-migrations.js";
import { AccountStatements } from "./account-statements.js";

describe("account deletion statements", () => {
  let dir: string;
  let db: Database;
  let statements: AccountStatements;

  const account = (id: string) => ({
    id,
    email: `${id}@example.com`,
    password_hash: "x",
    state: "normal",
    permissions: "[]",
    sync_version: 1,
    created_at: 0,
    last_seen_at: null,
    name: null,
    birthdate: null,
    gender: null,
    looking_for: null,
    initial_age: null,
    initial_age_year: null,
    bot: 0,
  });
  const session = (id: string, accountId: string) => ({
    id,
    account_id: accountId,
    access_hash: Buffer.from(`a-${id}`),
    access_issued_at: 0,
    refresh_hash: Buffer.from(`r-${id}`),
    refresh_issued_at: 0,
    created_at: 0,
    last_used_at: 0,
    public_id: `p-${id}`,
    client_kind: null,
    client_version: null,
    address: null,
  });
  const rows = (sql: string) => db.prepare(sql).all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "venus-account-deletion-"));
    db = openDatabase(join(dir, "account.sqlite"), ACCOUNT_MIGRATIONS);
    statements = new AccountStatements(db);
    for (const id of ["a", "b"]) {
      statements.insertAccount(account(id));
      statements.insertSession(session(`s-${id}`, id));
    }
    statements.retireRefreshToken({ token_hash: Buffer.from("old"), session_id: "s-a", retired_at: 0 }, 16);
    statements.insertAdminGrant("a@example.com", "a", 0);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("starts every account with no deletion, and stores one with its state", () => {
    expect(rows("SELECT deletion_at, state_before_deletion, deleting FROM account WHERE id = 'a'")).toEqual([
      { deletion_at: null, state_before_deletion: null, deleting: 0 },
    ]);
    statements.setDeletion({
      id: "a",
      state: "pending_deletion",
      sync_version: 2,
      deletion_at: 99,
      state_before_deletion: "normal",
      deleting: 1,
    });
    expect(rows("SELECT state, sync_version, deletion_at, deleting FROM account WHERE id = 'a'")).toEqual([
      { state: "pending_deletion", sync_version: 2, deletion_at: 99, deleting: 1 },
    ]);
  });

  it("removes the account, its sessions and retired tokens, and keeps its grant without the id", () => {
    statements.deleteAccount("a");
    statements.deleteAccount("a");
    expect(rows("SELECT id FROM account")).toEqual([{ id: "b" }]);
    expect(rows("SELECT id FROM session")).toEqual([{ id: "s-b" }]);
    expect(rows("SELECT * FROM retired_refresh_token")).toEqual([]);
    expect(rows("SELECT email, account_id FROM admin_grant")).toEqual([
      { email: "a@example.com", account_id: "" },
    ]);
  });
});

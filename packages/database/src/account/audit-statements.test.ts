import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../open-database.js";
import { ACCOUNT_MIGRATIONS } from "./account-migrations.js";
import { AuditStatements } from "./audit-statements.js";

describe("AuditStatements", () => {
  let dir: string;
  let db: Database;
  let audit: AuditStatements;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "venus-audit-"));
    db = openDatabase(join(dir, "account.sqlite"), ACCOUNT_MIGRATIONS);
    audit = new AuditStatements(db);
    // 1: a→x, 2: b→a, 3: b (no target), 4: c→a, 5: a→y
    const rows: [string, string | null][] = [
      ["a", "x"],
      ["b", "a"],
      ["b", null],
      ["c", "a"],
      ["a", "y"],
    ];
    rows.forEach(([admin, target], i) =>
      audit.insert({ at: i, admin_id: admin, action: "POST /admin/x", target_id: target, details: "{}" }),
    );
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = (rows: { id: number }[]) => rows.map((row) => row.id);

  it("pages newest first below `before`", () => {
    expect(ids(audit.page({ before: undefined, limit: 2, accountId: undefined }))).toEqual([5, 4]);
    expect(ids(audit.page({ before: 4, limit: 2, accountId: undefined }))).toEqual([3, 2]);
    expect(ids(audit.page({ before: 2, limit: 2, accountId: undefined }))).toEqual([1]);
  });

  it("filters to entries by or about one account, once each", () => {
    expect(ids(audit.page({ before: undefined, limit: 10, accountId: "a" }))).toEqual([5, 4, 2, 1]);
    expect(ids(audit.page({ before: 4, limit: 2, accountId: "a" }))).toEqual([2, 1]);
    expect(ids(audit.page({ before: undefined, limit: 10, accountId: "nobody" }))).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { migrate } from "../migrations.js";
import { openDatabase, type Database } from "../open-database.js";
import { CHAT_MIGRATIONS } from "./chat-migrations.js";
import type { ReportRow } from "./chat-rows.js";
import { ReportStatements } from "./report-statements.js";

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openAt(version: number): Database {
  const dir = mkdtempSync(join(tmpdir(), "venus-reports-"));
  dirs.push(dir);
  const db = openDatabase(join(dir, "chat.sqlite"), CHAT_MIGRATIONS.slice(0, version));
  dbs.push(db);
  return db;
}

const envelope = { version: 1, sender: "s", recipient: "r", uuid: "u", number: 1, body: "aGk=" };

const report = (id: number, changes: Partial<ReportRow> = {}): ReportRow => ({
  report_id: id,
  reporter: "r",
  reported: "s",
  kind: "profile_name",
  target: "s",
  category: "spam",
  details: "",
  snapshot: JSON.stringify({ text: "Sam" }),
  created_at: 1000 + id,
  state: "waiting",
  decided_at: null,
  decided_by: null,
  note: null,
  ...changes,
});

test("migration 2 moves message reports into the one queue, waiting, with their envelopes", () => {
  const db = openAt(1);
  db.prepare(
    `INSERT INTO message_reports (report_id, reporter, reported, category, details, envelopes, created_at)
     VALUES (7, 'r', 's', 'threat', 'key', ?, 1234)`,
  ).run(JSON.stringify([envelope]));
  migrate(db, CHAT_MIGRATIONS);
  const statements = new ReportStatements(db);
  const row = statements.byId(7);
  expect(row).toEqual({
    ...report(7, { kind: "messages", category: "threat", details: "key", created_at: 1234 }),
    snapshot: expect.any(String),
  });
  expect(JSON.parse(row?.snapshot ?? "")).toEqual({ messages: [envelope] });
  expect(statements.maxId()).toBe(7);
  expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'message_reports'").all()).toEqual([]);
});

test("pages by state and kind after a cursor, oldest first; decisions move reports between states", () => {
  const statements = new ReportStatements(openAt(CHAT_MIGRATIONS.length));
  expect(statements.maxId()).toBe(0);
  for (const [id, kind] of [
    [1, "image"],
    [2, "messages"],
    [3, "image"],
    [4, "image"],
  ] as const)
    statements.insert(report(id, { kind }));
  statements.decide({ report_id: 3, state: "rejected", decided_at: 9, decided_by: "a", note: "no" });
  const ids = (rows: ReportRow[]) => rows.map((r) => r.report_id);
  expect(ids(statements.page({ state: "waiting", kind: undefined, after: 0, limit: 10 }))).toEqual([1, 2, 4]);
  expect(ids(statements.page({ state: "waiting", kind: "image", after: 0, limit: 1 }))).toEqual([1]);
  expect(ids(statements.page({ state: "waiting", kind: "image", after: 1, limit: 10 }))).toEqual([4]);
  expect(statements.page({ state: "rejected", kind: undefined, after: 0, limit: 10 })).toEqual([
    report(3, { kind: "image", state: "rejected", decided_at: 9, decided_by: "a", note: "no" }),
  ]);
  expect([...statements.loadWaiting()].map((r) => r.report_id)).toEqual([1, 2, 4]);
  expect(statements.rejectedCounts()).toEqual([{ reporter: "r", count: 1 }]);
  expect(statements.madeSince(1003)).toEqual([{ reporter: "r", count: 2 }]);
});

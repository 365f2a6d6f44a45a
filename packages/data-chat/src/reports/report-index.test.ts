import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CHAT_MIGRATIONS,
  ReportStatements,
  openDatabase,
  type Database,
  type ReportRow,
} from "@venus/database";
import { afterEach, expect, test } from "vitest";
import { ReportIndex } from "./report-index.js";

const DAY_MS = 86_400_000;
const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(): ReportStatements {
  const dir = mkdtempSync(join(tmpdir(), "venus-report-index-"));
  dirs.push(dir);
  const db = openDatabase(join(dir, "chat.sqlite"), CHAT_MIGRATIONS);
  dbs.push(db);
  return new ReportStatements(db);
}

const row = (id: number, changes: Partial<ReportRow>): ReportRow => ({
  report_id: id,
  reporter: "rita",
  reported: "mal",
  kind: "profile_name",
  target: "mal",
  category: "spam",
  details: "",
  snapshot: "{}",
  created_at: 0,
  state: "waiting",
  decided_at: null,
  decided_by: null,
  note: null,
  ...changes,
});

test("load rebuilds the waiting reports, rejected counts, today's reports and the next id", () => {
  const statements = open();
  const now = 100 * DAY_MS + 5000;
  const today = 100 * DAY_MS;
  statements.insert(row(1, { created_at: today - 1, state: "rejected" }));
  statements.insert(row(2, { created_at: today, state: "rejected" }));
  statements.insert(row(3, { created_at: today + 1, state: "accepted" }));
  statements.insert(row(4, { created_at: today + 2 }));
  // Two waiting message reports on one sender (made before the one-waiting rule): the first answers.
  statements.insert(row(5, { kind: "messages", created_at: 10 }));
  statements.insert(row(6, { kind: "messages", created_at: 11 }));
  statements.insert(row(9, { reporter: "ben", kind: "image", target: "c1", created_at: today }));

  const index = ReportIndex.load(statements, now);
  expect(index.waitingOn({ reporter: "rita", kind: "profile_name", target: "mal" })).toBe(4);
  expect(index.waitingOn({ reporter: "rita", kind: "messages", target: "mal" })).toBe(5);
  expect(index.waitingOn({ reporter: "ben", kind: "image", target: "c1" })).toBe(9);
  expect(index.waitingOn({ reporter: "ben", kind: "image", target: "c2" })).toBeUndefined();
  expect(index.get(6)).toMatchObject({ reporter: "rita", kind: "messages" });
  expect(index.get(1)).toBeUndefined();
  expect(index.madeToday.get("rita")).toEqual({ day: 100, used: 3 });
  expect(index.madeToday.get("ben")).toEqual({ day: 100, used: 1 });
  expect(index.countRejected("rita")).toBe(3);
  expect(index.countRejected("ben")).toBe(1);
  expect(index.nextId()).toBe(10);
});

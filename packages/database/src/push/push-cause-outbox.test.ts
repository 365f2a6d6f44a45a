import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../migrations.js";
import {
  PushCauseStatements,
  pushCauseOutboxMigration,
  pushCauseSenderMigration,
} from "./push-cause-outbox.js";

function open(): PushCauseStatements {
  const db = new BetterSqlite3(":memory:");
  migrate(db, [pushCauseOutboxMigration(1), pushCauseSenderMigration(2)]);
  return new PushCauseStatements(db);
}

describe("the push cause outbox", () => {
  it("counts events per account and kind, and keeps those recorded after a row was read", () => {
    const causes = open();
    causes.record("a", "message", 10, "s1");
    causes.record("a", "message", 20, "s2");
    causes.record("a", "like", 15);
    const [message, like] = causes.oldestFirst(10);
    expect(message).toEqual({
      account_id: "a",
      kind: "message",
      count: 2,
      first_at: 10,
      last_at: 20,
      sender: "s2",
    });
    expect(like).toMatchObject({ kind: "like", count: 1 });
    causes.record("a", "message", 30, "s3");
    causes.handled(message as NonNullable<typeof message>);
    causes.handled(like as NonNullable<typeof like>);
    expect(causes.oldestFirst(10)).toEqual([
      { account_id: "a", kind: "message", count: 1, first_at: 10, last_at: 30, sender: "s3" },
    ]);
    causes.forgetAccount("a");
    expect(causes.oldestFirst(10)).toEqual([]);
  });
});

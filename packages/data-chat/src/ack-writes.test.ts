import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHAT_MIGRATIONS, ChatStatements, openDatabase, type Database } from "@venus/database";
import { GroupCommitWriter, WriterMetrics } from "@venus/data-common";
import { createLogger, Metrics } from "@venus/simple-backend";
import { AckWrites } from "./ack-writes.js";
import { messageToRow } from "./chat-entities.js";
import { testMessage } from "./testing/test-message.js";

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "venus-acks-"));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, "chat.sqlite"), CHAT_MIGRATIONS);
  dbs.push(db);
  const statements = new ChatStatements(db);
  const metrics = new WriterMetrics(new Metrics());
  const writer = new GroupCommitWriter(db, {
    name: "chat",
    maxBatchDelayMs: 5,
    maxBatchSize: 100,
    log: createLogger("silent", "test"),
    metrics,
  });
  const rows = () =>
    db.prepare("SELECT uuid, delivered_at, sender_acked, receipt_pending FROM messages ORDER BY uuid").all();
  const operations = async () =>
    (await metrics.batchSize.get()).values.find((v) => v.metricName === "venus_writer_batch_size_sum")
      ?.value ?? 0;
  return { statements, writer, acks: new AckWrites(writer, statements), rows, operations };
}

describe("AckWrites", () => {
  it("writes the acknowledgements made before its commit in one operation, each to its state", async () => {
    const { statements, acks, rows, operations } = setup();
    const [delivered, senderAcked, finished] = ["u1", "u2", "u3"].map((uuid, i) =>
      testMessage({ uuid, number: i + 1 }),
    ) as [ReturnType<typeof testMessage>, ReturnType<typeof testMessage>, ReturnType<typeof testMessage>];
    for (const message of [delivered, senderAcked, finished])
      statements.insertMessage(messageToRow(message, Buffer.from("body")));
    Object.assign(delivered, { deliveredAt: 50, body: null, receiptPending: true });
    Object.assign(senderAcked, { senderAcked: true });
    await Promise.all([
      acks.persist([{ message: delivered, finished: false }]),
      acks.persist([{ message: senderAcked, finished: false }]),
      acks.persist([{ message: finished, finished: true }]),
    ]);
    expect(await operations()).toBe(1);
    expect(rows()).toEqual([
      { uuid: "u1", delivered_at: 50, sender_acked: 0, receipt_pending: 1 },
      { uuid: "u2", delivered_at: null, sender_acked: 1, receipt_pending: 0 },
    ]);
  });

  it("starts a new operation for an acknowledgement made after the last one ran", async () => {
    const { statements, acks, rows, operations } = setup();
    const [first, second] = [testMessage({ uuid: "u1" }), testMessage({ uuid: "u2", number: 2 })];
    for (const message of [first, second]) statements.insertMessage(messageToRow(message, Buffer.from("b")));
    await acks.persist([{ message: first, finished: true }]);
    await acks.persist([{ message: second, finished: true }]);
    expect(await operations()).toBe(2);
    expect(rows()).toEqual([]);
  });
});

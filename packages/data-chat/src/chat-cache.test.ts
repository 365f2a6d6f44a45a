import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHAT_MIGRATIONS, ChatStatements, openDatabase, type Database } from "@venus/database";
import { ChatCache } from "./chat-cache.js";
import { testMessage } from "./testing/test-message.js";
import { chatAccountToRow, messageToRow, newChatAccount, type Message } from "./chat-entities.js";

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(): ChatStatements {
  const dir = mkdtempSync(path.join(tmpdir(), "venus-chat-"));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, "chat.sqlite"), CHAT_MIGRATIONS);
  dbs.push(db);
  return new ChatStatements(db);
}

const message = (sender: string, recipient: string, number: number, changes: Partial<Message> = {}) =>
  testMessage({
    sender,
    uuid: `${sender}-${number}`,
    recipient,
    number,
    sentAt: 1000 + number,
    body: Buffer.from(`m${number}`).toString("base64"),
    signature: "s".repeat(43),
    ...changes,
  });

describe("ChatCache.load", () => {
  it("rebuilds likes, matches, blocks, keys, inboxes, limit counts and receipts from SQLite", () => {
    const statements = open();
    const alice = { ...newChatAccount("a"), newLikes: 2, likesVersion: 4, matchesVersion: 1 };
    alice.settings.readReceipts = false;
    statements.saveAccount(chatAccountToRow(alice));
    statements.insertLike({ liker: "c", target: "a", seq: 3, liked_at: 30 });
    statements.insertLike({ liker: "d", target: "a", seq: 5, liked_at: 50 });
    statements.insertMatch({ low: "a", high: "b", seq: 4, matched_at: 40, last_number: 4 });
    statements.insertBlock({ blocker: "a", blocked: "d", blocked_at: 60 });
    statements.insertKey({ account_id: "a", key_id: 1, armored: "k1", published_at: 1 }, 1);
    statements.insertKey({ account_id: "a", key_id: 2, armored: "k2", published_at: 2 }, 1);
    // b → a: 3 waits for a, 1 was delivered and waits for b's acknowledgement; a → b: 2 waits for b.
    statements.insertMessage(messageToRow(message("b", "a", 3)));
    statements.insertMessage(
      messageToRow(message("b", "a", 1, { body: null, deliveredAt: 9, receiptPending: true })),
    );
    statements.insertMessage(messageToRow(message("a", "b", 2, { senderAcked: true })));
    statements.insertMessage(messageToRow(message("b", "a", 4)));
    statements.saveSeenReceipt({ sender: "b", reader: "a", number: 2 });

    const cache = ChatCache.load(statements);

    const loaded = cache.accounts.get("a");
    expect(loaded).toMatchObject({ newLikes: 2, likesVersion: 4, matchesVersion: 1 });
    expect(loaded?.settings).toEqual({ deliveryReceipts: true, readReceipts: false, typing: true });
    expect(loaded?.keys.map((k) => k.keyId)).toEqual([1, 2]);
    expect([...(cache.likesReceived.get("a")?.keys() ?? [])]).toEqual(["c", "d"]);
    expect(cache.likesSent.get("c")?.has("a")).toBe(true);
    expect(cache.conversation("b", "a")).toMatchObject({ lastNumber: 4, matchedAt: 40 });
    expect(cache.blockedEitherWay("d", "a")).toBe(true);
    expect([...cache.messages.inboxOf("a")].map((m) => m.number)).toEqual([3, 4]);
    expect([...cache.messages.inboxOf("b")].map((m) => m.number)).toEqual([2]);
    expect(cache.messages.unacknowledgedCount("b", "a")).toBe(2);
    expect(cache.messages.unacknowledgedCount("a", "b")).toBe(1);
    // b owes acknowledgements for 3 and 4 (send results) and 1 (its delivered receipt); a owes none.
    expect(cache.messages.awaitingSenderCount("b")).toBe(3);
    expect(cache.messages.awaitingSenderCount("a")).toBe(0);
    expect(cache.messages.get("a", "a-2")?.senderAcked).toBe(true);
    expect(cache.seenReceipts.get("b")?.get("a")).toBe(2);
    // New likes and matches are ordered after everything loaded.
    expect(cache.nextSeq()).toBe(6);
  });

  it("keeps only the kept key versions on disk", () => {
    const statements = open();
    for (let id = 1; id <= 4; id++)
      statements.insertKey({ account_id: "a", key_id: id, armored: `k${id}`, published_at: id }, id - 1);
    expect(
      ChatCache.load(statements)
        .accounts.get("a")
        ?.keys.map((k) => k.keyId),
    ).toEqual([3, 4]);
  });
});

import type { Database, Statement } from "better-sqlite3";
import type {
  BlockRow,
  ChatAccountRow,
  LikeRow,
  MatchRow,
  MessageRow,
  PublicKeyRow,
  SeenReceiptRow,
} from "./chat-rows.js";

const ACCOUNT_COLUMNS = [
  "account_id",
  "new_likes",
  "likes_version",
  "matches_version",
  "likes_day",
  "likes_used",
  "messages_day",
  "messages_sent",
  "delivery_receipts",
  "read_receipts",
  "typing",
] as const satisfies readonly (keyof ChatAccountRow)[];

const MESSAGE_COLUMNS = [
  "sender",
  "uuid",
  "recipient",
  "number",
  "sent_at",
  "sender_key_id",
  "recipient_key_id",
  "body",
  "signature",
  "delivered_at",
  "sender_acked",
  "receipt_pending",
] as const satisfies readonly (keyof MessageRow)[];

const insert = (db: Database, table: string, columns: readonly string[]) =>
  db.prepare(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`,
  );

/** Every statement the chat component runs, prepared once. Writes run inside writer batches. */
export class ChatStatements {
  private readonly saveAccountStmt: Statement<[ChatAccountRow]>;
  private readonly insertLikeStmt: Statement<[LikeRow]>;
  private readonly deleteLikeStmt: Statement<[string, string]>;
  private readonly insertMatchStmt: Statement<[MatchRow]>;
  private readonly setLastNumberStmt: Statement<[number, string, string]>;
  private readonly insertBlockStmt: Statement<[BlockRow]>;
  private readonly deleteBlockStmt: Statement<[string, string]>;
  private readonly insertKeyStmt: Statement<[PublicKeyRow]>;
  private readonly pruneKeysStmt: Statement<[string, number]>;
  private readonly insertMessageStmt: Statement<[MessageRow]>;
  private readonly markDeliveredStmt: Statement<[number, number, string, string]>;
  private readonly setSenderAckedStmt: Statement<[number, string, string]>;
  private readonly deleteMessageStmt: Statement<[string, string]>;
  private readonly saveSeenStmt: Statement<[SeenReceiptRow]>;
  private readonly deleteSeenStmt: Statement<[string, string]>;
  private readonly deleteAccountStmts: Statement<{ id: string }>[];

  constructor(private readonly db: Database) {
    this.saveAccountStmt = db.prepare(
      `INSERT INTO chat_account (${ACCOUNT_COLUMNS.join(", ")}) VALUES (${ACCOUNT_COLUMNS.map((c) => `@${c}`).join(", ")})
       ON CONFLICT(account_id) DO UPDATE SET ${ACCOUNT_COLUMNS.slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(", ")}`,
    );
    this.insertLikeStmt = insert(db, "likes", ["liker", "target", "seq", "liked_at"]);
    this.deleteLikeStmt = db.prepare("DELETE FROM likes WHERE liker = ? AND target = ?");
    this.insertMatchStmt = insert(db, "matches", ["low", "high", "seq", "matched_at", "last_number"]);
    this.setLastNumberStmt = db.prepare("UPDATE matches SET last_number = ? WHERE low = ? AND high = ?");
    this.insertBlockStmt = insert(db, "blocks", ["blocker", "blocked", "blocked_at"]);
    this.deleteBlockStmt = db.prepare("DELETE FROM blocks WHERE blocker = ? AND blocked = ?");
    this.insertKeyStmt = insert(db, "public_keys", ["account_id", "key_id", "armored", "published_at"]);
    this.pruneKeysStmt = db.prepare("DELETE FROM public_keys WHERE account_id = ? AND key_id < ?");
    this.insertMessageStmt = insert(db, "messages", MESSAGE_COLUMNS);
    this.markDeliveredStmt = db.prepare(
      "UPDATE messages SET body = NULL, delivered_at = ?, receipt_pending = ? WHERE sender = ? AND uuid = ?",
    );
    this.setSenderAckedStmt = db.prepare(
      "UPDATE messages SET sender_acked = 1, receipt_pending = ? WHERE sender = ? AND uuid = ?",
    );
    this.deleteMessageStmt = db.prepare("DELETE FROM messages WHERE sender = ? AND uuid = ?");
    this.saveSeenStmt = db.prepare(
      `INSERT INTO seen_receipts (sender, reader, number) VALUES (@sender, @reader, @number)
       ON CONFLICT(sender, reader) DO UPDATE SET number = MAX(number, excluded.number)`,
    );
    this.deleteSeenStmt = db.prepare("DELETE FROM seen_receipts WHERE sender = ? AND reader = ?");
    this.deleteAccountStmts = [
      "DELETE FROM chat_account WHERE account_id = @id",
      "DELETE FROM likes WHERE liker = @id OR target = @id",
      "DELETE FROM matches WHERE low = @id OR high = @id",
      "DELETE FROM blocks WHERE blocker = @id OR blocked = @id",
      "DELETE FROM public_keys WHERE account_id = @id",
      "DELETE FROM messages WHERE sender = @id OR recipient = @id",
      "DELETE FROM seen_receipts WHERE sender = @id OR reader = @id",
    ].map((sql) => db.prepare(sql));
  }

  loadAccounts = () => this.iterate<ChatAccountRow>("SELECT * FROM chat_account");
  loadLikes = () => this.iterate<LikeRow>("SELECT * FROM likes ORDER BY seq");
  loadMatches = () => this.iterate<MatchRow>("SELECT * FROM matches ORDER BY seq");
  loadBlocks = () => this.iterate<BlockRow>("SELECT * FROM blocks ORDER BY blocked_at");
  loadKeys = () => this.iterate<PublicKeyRow>("SELECT * FROM public_keys ORDER BY account_id, key_id");
  /** In number order, so each conversation's pending messages load oldest first. */
  loadMessages = () => this.iterate<MessageRow>("SELECT * FROM messages ORDER BY number, sent_at");
  loadSeenReceipts = () => this.iterate<SeenReceiptRow>("SELECT * FROM seen_receipts");

  private iterate<T>(sql: string): IterableIterator<T> {
    return this.db.prepare(sql).iterate() as IterableIterator<T>;
  }

  /** The secret envelopes are signed with, made on first use. */
  signingSecret(create: () => Buffer, now: number): Buffer {
    const row = this.db.prepare("SELECT secret FROM signing_key WHERE id = 1").get() as
      { secret: Buffer } | undefined;
    if (row) return row.secret;
    const secret = create();
    this.db.prepare("INSERT INTO signing_key (id, secret, created_at) VALUES (1, ?, ?)").run(secret, now);
    return secret;
  }

  saveAccount(row: ChatAccountRow): void {
    this.saveAccountStmt.run(row);
  }

  insertLike(row: LikeRow): void {
    this.insertLikeStmt.run(row);
  }

  deleteLike(liker: string, target: string): void {
    this.deleteLikeStmt.run(liker, target);
  }

  insertMatch(row: MatchRow): void {
    this.insertMatchStmt.run(row);
  }

  setLastNumber(low: string, high: string, number: number): void {
    this.setLastNumberStmt.run(number, low, high);
  }

  insertBlock(row: BlockRow): void {
    this.insertBlockStmt.run(row);
  }

  deleteBlock(blocker: string, blocked: string): void {
    this.deleteBlockStmt.run(blocker, blocked);
  }

  /** Adds a key version and drops versions below `oldestKept`. */
  insertKey(row: PublicKeyRow, oldestKept: number): void {
    this.insertKeyStmt.run(row);
    this.pruneKeysStmt.run(row.account_id, oldestKept);
  }

  insertMessage(row: MessageRow): void {
    this.insertMessageStmt.run(row);
  }

  /** The recipient has the message: its body goes at once. */
  markDelivered(sender: string, uuid: string, deliveredAt: number, receiptPending: boolean): void {
    this.markDeliveredStmt.run(deliveredAt, receiptPending ? 1 : 0, sender, uuid);
  }

  setSenderAcked(sender: string, uuid: string, receiptPending: boolean): void {
    this.setSenderAckedStmt.run(receiptPending ? 1 : 0, sender, uuid);
  }

  deleteMessage(sender: string, uuid: string): void {
    this.deleteMessageStmt.run(sender, uuid);
  }

  saveSeenReceipt(row: SeenReceiptRow): void {
    this.saveSeenStmt.run(row);
  }

  deleteSeenReceipt(sender: string, reader: string): void {
    this.deleteSeenStmt.run(sender, reader);
  }

  /**
   * Account deletion: every row that names the account, on either side (the other side's likes,
   * matches, blocks, messages and receipts with it too). Reports are the report queue's.
   */
  deleteAccount(id: string): void {
    for (const statement of this.deleteAccountStmts) statement.run({ id });
  }
}

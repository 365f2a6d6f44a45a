import type { ChatStatements } from "@venus/database";
import type { SendMessageResponse } from "@venus/model";
import {
  applyChatAccountRow,
  messageFromRow,
  newChatAccount,
  pairKey,
  type ChatAccount,
  type Conversation,
  type Like,
} from "./chat-entities.js";
import { getOrCreate } from "./get-or-create.js";
import { MessageStore } from "./message-store.js";

/** Every account's likes, matches, blocks, keys, stored messages and receipts, in memory. */
export class ChatCache {
  readonly accounts = new Map<string, ChatAccount>();
  /** liker → targets it likes (a like that made a match is gone). */
  readonly likesSent = new Map<string, Set<string>>();
  /** target → likes it received, oldest first. */
  readonly likesReceived = new Map<string, Map<string, Like>>();
  readonly conversations = new Map<string, Conversation>();
  /** account → the accounts it matched with, oldest match first. */
  readonly matches = new Map<string, Map<string, Conversation>>();
  /** blocker → blocked → when. */
  readonly blocks = new Map<string, Map<string, number>>();
  readonly blockedBy = new Map<string, Set<string>>();
  readonly messages = new MessageStore();
  /** Sends being stored, by "sender uuid": a retry meanwhile waits for the same result. */
  readonly sending = new Map<string, Promise<SendMessageResponse>>();
  /** sender → reader → the latest number read, waiting for the sender's acknowledgement. */
  readonly seenReceipts = new Map<string, Map<string, number>>();
  /** Orders likes and matches for paging; one counter for both. */
  private seq = 0;

  nextSeq(): number {
    return ++this.seq;
  }

  account(id: string): ChatAccount {
    let account = this.accounts.get(id);
    if (!account) this.accounts.set(id, (account = newChatAccount(id)));
    return account;
  }

  conversation(a: string, b: string): Conversation | undefined {
    return this.conversations.get(pairKey(a, b));
  }

  hasBlocked(blocker: string, blocked: string): boolean {
    return this.blocks.get(blocker)?.has(blocked) ?? false;
  }

  blockedEitherWay(a: string, b: string): boolean {
    return this.hasBlocked(a, b) || this.hasBlocked(b, a);
  }

  addLike(like: Like): void {
    getOrCreate(this.likesSent, like.liker, () => new Set<string>()).add(like.target);
    getOrCreate(this.likesReceived, like.target, () => new Map<string, Like>()).set(like.liker, like);
  }

  removeLike(liker: string, target: string): void {
    this.likesSent.get(liker)?.delete(target);
    this.likesReceived.get(target)?.delete(liker);
  }

  addConversation(conversation: Conversation): void {
    this.conversations.set(pairKey(conversation.low, conversation.high), conversation);
    getOrCreate(this.matches, conversation.low, () => new Map<string, Conversation>()).set(
      conversation.high,
      conversation,
    );
    getOrCreate(this.matches, conversation.high, () => new Map<string, Conversation>()).set(
      conversation.low,
      conversation,
    );
  }

  addBlock(blocker: string, blocked: string, at: number): void {
    getOrCreate(this.blocks, blocker, () => new Map<string, number>()).set(blocked, at);
    getOrCreate(this.blockedBy, blocked, () => new Set<string>()).add(blocker);
  }

  removeBlock(blocker: string, blocked: string): void {
    this.blocks.get(blocker)?.delete(blocked);
    this.blockedBy.get(blocked)?.delete(blocker);
  }

  static load(statements: ChatStatements): ChatCache {
    const cache = new ChatCache();
    for (const row of statements.loadAccounts()) applyChatAccountRow(cache.account(row.account_id), row);
    for (const row of statements.loadLikes()) {
      cache.addLike({ liker: row.liker, target: row.target, seq: row.seq, likedAt: row.liked_at });
      cache.seq = Math.max(cache.seq, row.seq);
    }
    for (const row of statements.loadMatches()) {
      cache.addConversation({
        low: row.low,
        high: row.high,
        seq: row.seq,
        matchedAt: row.matched_at,
        lastNumber: row.last_number,
      });
      cache.seq = Math.max(cache.seq, row.seq);
    }
    for (const row of statements.loadBlocks()) cache.addBlock(row.blocker, row.blocked, row.blocked_at);
    for (const row of statements.loadKeys()) {
      cache.account(row.account_id).keys.push({
        keyId: row.key_id,
        armored: row.armored,
        publishedAt: row.published_at,
      });
    }
    for (const row of statements.loadMessages()) cache.messages.add(messageFromRow(row));
    for (const row of statements.loadSeenReceipts())
      getOrCreate(cache.seenReceipts, row.sender, () => new Map<string, number>()).set(
        row.reader,
        row.number,
      );
    return cache;
  }
}

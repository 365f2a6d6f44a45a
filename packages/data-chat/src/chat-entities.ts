import type { ChatAccountRow, MessageRow } from "@venus/database";
import type { DailyUse } from "@venus/data-common";

export interface ChatSettingsEntity {
  deliveryReceipts: boolean;
  readReceipts: boolean;
  typing: boolean;
}

export interface PublicKey {
  keyId: number;
  armored: string;
  publishedAt: number;
}

export interface ChatAccount {
  id: string;
  /** Likes received since the owner last reset the count. */
  newLikes: number;
  /** Sync versions of the received likes and the matches lists. */
  likesVersion: number;
  matchesVersion: number;
  likes: DailyUse;
  messages: DailyUse;
  settings: ChatSettingsEntity;
  /** Published key versions, oldest first; the last one is current. */
  keys: PublicKey[];
  /** Memory only: typing frames are rate limited, never stored. */
  lastTypingAt: number;
}

export interface Like {
  liker: string;
  target: string;
  seq: number;
  likedAt: number;
}

/** A match and its conversation: messages are numbered 1, 2, 3 … across both directions. */
export interface Conversation {
  low: string;
  high: string;
  seq: number;
  matchedAt: number;
  lastNumber: number;
}

/** A stored message; `body` (base64) is kept only until the recipient acknowledges it. */
export interface Message {
  sender: string;
  uuid: string;
  recipient: string;
  number: number;
  sentAt: number;
  senderKeyId: number;
  recipientKeyId: number;
  body: string | null;
  signature: string;
  deliveredAt: number | null;
  senderAcked: boolean;
  receiptPending: boolean;
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);

export const currentKeyId = (account: ChatAccount): number => account.keys.at(-1)?.keyId ?? 0;

export function newChatAccount(id: string): ChatAccount {
  return {
    id,
    newLikes: 0,
    likesVersion: 0,
    matchesVersion: 0,
    likes: { day: 0, used: 0 },
    messages: { day: 0, used: 0 },
    settings: { deliveryReceipts: true, readReceipts: true, typing: true },
    keys: [],
    lastTypingAt: 0,
  };
}

export function applyChatAccountRow(account: ChatAccount, row: ChatAccountRow): void {
  account.newLikes = row.new_likes;
  account.likesVersion = row.likes_version;
  account.matchesVersion = row.matches_version;
  account.likes = { day: row.likes_day, used: row.likes_used };
  account.messages = { day: row.messages_day, used: row.messages_sent };
  account.settings = {
    deliveryReceipts: row.delivery_receipts === 1,
    readReceipts: row.read_receipts === 1,
    typing: row.typing === 1,
  };
}

export function chatAccountToRow(account: ChatAccount): ChatAccountRow {
  return {
    account_id: account.id,
    new_likes: account.newLikes,
    likes_version: account.likesVersion,
    matches_version: account.matchesVersion,
    likes_day: account.likes.day,
    likes_used: account.likes.used,
    messages_day: account.messages.day,
    messages_sent: account.messages.used,
    delivery_receipts: account.settings.deliveryReceipts ? 1 : 0,
    read_receipts: account.settings.readReceipts ? 1 : 0,
    typing: account.settings.typing ? 1 : 0,
  };
}

export function messageFromRow(row: MessageRow): Message {
  return {
    sender: row.sender,
    uuid: row.uuid,
    recipient: row.recipient,
    number: row.number,
    sentAt: row.sent_at,
    senderKeyId: row.sender_key_id,
    recipientKeyId: row.recipient_key_id,
    body: row.body === null ? null : row.body.toString("base64"),
    signature: row.signature,
    deliveredAt: row.delivered_at,
    senderAcked: row.sender_acked === 1,
    receiptPending: row.receipt_pending === 1,
  };
}

/** `bodyBytes`: the body already decoded, when the caller has it (a send decodes it once). */
export function messageToRow(
  message: Message,
  bodyBytes = message.body === null ? null : Buffer.from(message.body, "base64"),
): MessageRow {
  return {
    sender: message.sender,
    uuid: message.uuid,
    recipient: message.recipient,
    number: message.number,
    sent_at: message.sentAt,
    sender_key_id: message.senderKeyId,
    recipient_key_id: message.recipientKeyId,
    body: bodyBytes,
    signature: message.signature,
    delivered_at: message.deliveredAt,
    sender_acked: message.senderAcked ? 1 : 0,
    receipt_pending: message.receiptPending ? 1 : 0,
  };
}

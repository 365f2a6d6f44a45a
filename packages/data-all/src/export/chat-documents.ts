import { chatSettingsOf } from "@venus/data-chat";
import { apiUsage, ipHistory } from "@venus/data-history";
import type { AllComponents } from "../deletion/deletion-steps.js";
import type { Components } from "../components.js";

const byTime = <T extends { at: number }>(items: T[]) => items.sort((a, b) => a.at - b.at);

/**
 * Likes the account gave and got, its matches and the accounts it blocked (never who blocked it:
 * that is the other person's). Accounts are named by id, as the app shows them.
 */
export function relationsDocument(components: Components, accountId: string): object {
  const { cache } = components.chat;
  const sent = [...(cache.likesSent.get(accountId) ?? [])].map((target) => ({
    account_id: target,
    at: cache.likesReceived.get(target)?.get(accountId)?.likedAt ?? 0,
  }));
  const received = [...(cache.likesReceived.get(accountId)?.values() ?? [])].map((like) => ({
    account_id: like.liker,
    at: like.likedAt,
  }));
  const matches = [...(cache.matches.get(accountId)?.entries() ?? [])].map(([other, conversation]) => ({
    account_id: other,
    at: conversation.matchedAt,
    messages_in_conversation: conversation.lastNumber,
  }));
  const blocked = [...(cache.blocks.get(accountId)?.entries() ?? [])].map(([other, at]) => ({
    account_id: other,
    at,
  }));
  return {
    likes_sent: byTime(sent),
    likes_received: byTime(received),
    matches: byTime(matches),
    blocked: byTime(blocked),
  };
}

/**
 * Chat settings, published public keys, and the messages the server still stores for the account
 * (bodies are encrypted for their recipients and left out; see the envelopes in the app).
 */
export function chatDocument(components: Components, accountId: string): object {
  const { cache } = components.chat;
  const stored = (sender: string) =>
    [...cache.messages.sentBy(sender)].filter((m) => m.sender === accountId || m.recipient === accountId);
  const messages = [
    ...stored(accountId),
    ...[...(cache.matches.get(accountId)?.keys() ?? [])].flatMap(stored),
  ].map((m) => ({
    sender: m.sender,
    recipient: m.recipient,
    uuid: m.uuid,
    number: m.number,
    sent_at: m.sentAt,
    delivered_at: m.deliveredAt,
  }));
  return {
    settings: chatSettingsOf(components.chat, accountId),
    public_keys: (cache.accounts.get(accountId)?.keys ?? []).map((key) => ({
      key_id: key.keyId,
      published_at: key.publishedAt,
      armored: key.armored,
    })),
    stored_messages: messages,
  };
}

/** API use per day and the addresses the account signed in or connected from. */
export function historyDocument(components: AllComponents, accountId: string): object {
  return {
    api_usage: apiUsage(components.history, accountId),
    addresses: ipHistory(components.history, accountId),
  };
}

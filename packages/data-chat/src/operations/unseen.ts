import type { ChatContext } from "../context.js";

export interface Unseen {
  messages: number;
  likes: number;
  /** When the oldest of them arrived (unix ms). */
  since: number;
}

/**
 * What has arrived for the account after `after` (unix ms, its last visit) and it has not seen:
 * messages not yet delivered to a device, and likes while its new-likes count is not reset.
 */
export function unseenSince(ctx: ChatContext, accountId: string, after: number): Unseen | undefined {
  let since = Infinity;
  let messages = 0;
  for (const message of ctx.cache.messages.inboxOf(accountId))
    if (message.sentAt > after) {
      messages++;
      since = Math.min(since, message.sentAt);
    }
  let likes = 0;
  if ((ctx.cache.accounts.get(accountId)?.newLikes ?? 0) > 0)
    for (const like of ctx.cache.likesReceived.get(accountId)?.values() ?? [])
      if (like.likedAt > after) {
        likes++;
        since = Math.min(since, like.likedAt);
      }
  return messages + likes === 0 ? undefined : { messages, likes, since };
}

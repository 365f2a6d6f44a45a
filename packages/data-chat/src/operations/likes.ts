import { countUse, leftToday, secondsUntilTomorrow } from "@venus/data-common";
import { VenusError, type LikeResponse, type ReceivedLikesPage, retryLater } from "@venus/model";
import { chatAccountToRow, type ChatAccount, type Conversation } from "../chat-entities.js";
import type { ChatContext } from "../context.js";
import { newestFirstPage } from "../newest-first-page.js";

export function dailyLikesLeft(ctx: ChatContext, account: ChatAccount): number | null {
  const limit = ctx.flags.get("daily_likes");
  return limit === 0 ? null : leftToday(account.likes, limit, ctx.now());
}

/**
 * `liker` likes `target` (whose profile the caller has checked it may see). A like back makes a
 * match: both get `match`; otherwise the target gets `like_received`. Liking again, or liking a
 * match, changes nothing and costs nothing; so does liking a profile with unlimited likes (`free`).
 */
export async function like(
  ctx: ChatContext,
  likerId: string,
  targetId: string,
  free: boolean,
): Promise<LikeResponse> {
  const { cache } = ctx;
  if (likerId === targetId || cache.blockedEitherWay(likerId, targetId))
    throw new VenusError("blocked_or_not_found");
  const liker = cache.account(likerId);
  const target = cache.account(targetId);
  if (cache.conversation(likerId, targetId))
    return { matched: true, daily_likes_left: dailyLikesLeft(ctx, liker) };
  if (cache.likesSent.get(likerId)?.has(targetId))
    return { matched: false, daily_likes_left: dailyLikesLeft(ctx, liker) };
  const now = ctx.now();
  if (!free && ctx.flags.get("daily_likes") > 0) {
    if (dailyLikesLeft(ctx, liker) === 0) throw retryLater("daily_like_limit", secondsUntilTomorrow(now));
    countUse(liker.likes, now);
  }
  const likedBack = cache.likesReceived.get(likerId)?.has(targetId) ?? false;
  if (likedBack) {
    const conversation = match(ctx, liker, target, now);
    await ctx.writer.write(() => {
      ctx.statements.deleteLike(targetId, likerId);
      ctx.statements.insertMatch({
        low: conversation.low,
        high: conversation.high,
        seq: conversation.seq,
        matched_at: now,
        last_number: 0,
      });
      ctx.statements.saveAccount(chatAccountToRow(liker));
      ctx.statements.saveAccount(chatAccountToRow(target));
      ctx.push.record(targetId, "match", likerId);
      ctx.push.record(likerId, "match", targetId);
    });
    ctx.connections.publish(targetId, "match", { account_id: likerId, matched_at: now });
    ctx.connections.publish(likerId, "match", { account_id: targetId, matched_at: now });
    return { matched: true, daily_likes_left: dailyLikesLeft(ctx, liker) };
  }
  const seq = cache.nextSeq();
  cache.addLike({ liker: likerId, target: targetId, seq, likedAt: now });
  target.newLikes++;
  target.likesVersion++;
  await ctx.writer.write(() => {
    ctx.statements.insertLike({ liker: likerId, target: targetId, seq, liked_at: now });
    ctx.statements.saveAccount(chatAccountToRow(liker));
    ctx.statements.saveAccount(chatAccountToRow(target));
    ctx.push.record(targetId, "like", likerId);
  });
  ctx.connections.publish(targetId, "like_received", { account_id: likerId, new_count: target.newLikes });
  return { matched: false, daily_likes_left: dailyLikesLeft(ctx, liker) };
}

function match(ctx: ChatContext, liker: ChatAccount, target: ChatAccount, now: number): Conversation {
  const { cache } = ctx;
  cache.removeLike(target.id, liker.id);
  const [low, high] = liker.id < target.id ? [liker.id, target.id] : [target.id, liker.id];
  const conversation: Conversation = { low, high, seq: cache.nextSeq(), matchedAt: now, lastNumber: 0 };
  cache.addConversation(conversation);
  liker.likesVersion++;
  liker.matchesVersion++;
  target.matchesVersion++;
  return conversation;
}

/** Received likes, newest first, without those across a block (either way) or of `hidden` accounts. */
export function receivedLikes(
  ctx: ChatContext,
  accountId: string,
  after: string | undefined,
  hidden: (accountId: string) => boolean,
): ReceivedLikesPage {
  const { cache } = ctx;
  const page = newestFirstPage(
    cache.likesReceived.get(accountId)?.values() ?? [],
    after,
    ctx.config.chat.page_size,
    (like) => !cache.blockedEitherWay(accountId, like.liker) && !hidden(like.liker),
  );
  return {
    likes: page.items.map((like) => ({ account_id: like.liker, liked_at: like.likedAt })),
    new_count: cache.accounts.get(accountId)?.newLikes ?? 0,
    next: page.next,
    version: cache.accounts.get(accountId)?.likesVersion ?? 0,
  };
}

/** The client has shown the new likes: the count starts over. */
export async function resetNewLikes(ctx: ChatContext, accountId: string): Promise<void> {
  const account = ctx.cache.account(accountId);
  if (account.newLikes === 0) return;
  account.newLikes = 0;
  await ctx.writer.write(() => ctx.statements.saveAccount(chatAccountToRow(account)));
}

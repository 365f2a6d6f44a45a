import { VenusError } from "@venus/model";
import type { Conversation } from "../chat-entities.js";
import type { ChatContext } from "../context.js";

/** The conversation of two matches neither of whom blocked the other, or the error to answer. */
export function openConversation(ctx: ChatContext, accountId: string, otherId: string): Conversation {
  const { cache } = ctx;
  if (accountId === otherId || cache.blockedEitherWay(accountId, otherId))
    throw new VenusError("blocked_or_not_found");
  const conversation = cache.conversation(accountId, otherId);
  if (!conversation) throw new VenusError("not_a_match");
  return conversation;
}

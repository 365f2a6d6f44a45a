import type { Account } from "@venus/data-account";
import {
  block,
  forwardTyping,
  like,
  markSeen,
  matchesOf,
  receivedLikes,
  sendMessage,
} from "@venus/data-chat";
import {
  VenusError,
  type LikeResponse,
  type MatchesPage,
  type ReceivedLikesPage,
  type SendMessageRequest,
  type SeenRequest,
  type SendMessageResponse,
  type TypingRequest,
} from "@venus/model";
import type { Components } from "./components.js";
import { canView, isActive } from "./view-profile.js";

/** Likes, matches and messages are for accounts in use. */
function requireNormal(account: Account): void {
  if (account.state !== "normal")
    throw new VenusError("invalid_state", `an account in state ${account.state} cannot use chat`);
}

/** Likes a profile the liker can see; liking a profile with unlimited likes switched on is free. */
export function likeProfile(components: Components, liker: Account, targetId: string): Promise<LikeResponse> {
  requireNormal(liker);
  const target = components.profile.cache.profiles.get(targetId);
  if (
    !target ||
    targetId === liker.id ||
    !canView(components, liker, target) ||
    !isActive(components, targetId)
  )
    throw new VenusError("blocked_or_not_found");
  return like(components.chat, liker.id, targetId, target.unlimitedLikes);
}

/** A message to a match whose account is in use; to anyone else as if the account did not exist. */
export function sendChatMessage(
  components: Components,
  sender: Account,
  request: SendMessageRequest,
): Promise<SendMessageResponse> {
  requireNormal(sender);
  return sendMessage(components.chat, sender.id, request, isActive(components, request.recipient));
}

/** The other side of a conversation must be in use; otherwise it is as if it did not exist. */
function requireActiveOther(components: Components, otherId: string): void {
  if (!isActive(components, otherId)) throw new VenusError("blocked_or_not_found");
}

/** A read receipt for a match whose account is in use. */
export function markSeenBy(components: Components, reader: Account, request: SeenRequest): Promise<void> {
  requireNormal(reader);
  requireActiveOther(components, request.account_id);
  return markSeen(components.chat, reader.id, request);
}

/** Typing to a match whose account is in use. */
export function typingTo(components: Components, typer: Account, request: TypingRequest): void {
  requireNormal(typer);
  requireActiveOther(components, request.account_id);
  forwardTyping(components.chat, typer.id, request.account_id, request.typing);
}

const inactive = (components: Components) => (accountId: string) => !isActive(components, accountId);

/** Received likes without those of accounts no longer in use. */
export const receivedLikesOf = (
  components: Components,
  owner: Account,
  after: string | undefined,
): ReceivedLikesPage => receivedLikes(components.chat, owner.id, after, inactive(components));

/** Matches without accounts no longer in use. */
export const matchesPageOf = (
  components: Components,
  owner: Account,
  after: string | undefined,
): MatchesPage => matchesOf(components.chat, owner.id, after, inactive(components));

/** Blocks an existing account (whatever its state or visibility). */
export function blockAccount(components: Components, blocker: Account, targetId: string): Promise<void> {
  if (!components.account.cache.accounts.has(targetId)) throw new VenusError("not_found", "no such account");
  return block(components.chat, blocker.id, targetId);
}

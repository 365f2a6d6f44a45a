import { leftToday } from "@venus/data-common";
import type { ChatSettings, ChatStateResponse } from "@venus/model";
import { chatAccountToRow } from "../chat-entities.js";
import type { ChatContext } from "../context.js";
import { dailyLikesLeft } from "./likes.js";

export function chatSettingsOf(ctx: ChatContext, accountId: string): ChatSettings {
  const { settings } = ctx.cache.account(accountId);
  return {
    delivery_receipts: settings.deliveryReceipts,
    read_receipts: settings.readReceipts,
    typing: settings.typing,
  };
}

/** Receipts and typing settings apply from the next acknowledgement, read or keystroke on. */
export async function setChatSettings(
  ctx: ChatContext,
  accountId: string,
  settings: ChatSettings,
): Promise<void> {
  const account = ctx.cache.account(accountId);
  account.settings = {
    deliveryReceipts: settings.delivery_receipts,
    readReceipts: settings.read_receipts,
    typing: settings.typing,
  };
  await ctx.writer.write(() => ctx.statements.saveAccount(chatAccountToRow(account)));
}

export function chatState(ctx: ChatContext, accountId: string): ChatStateResponse {
  const account = ctx.cache.account(accountId);
  return {
    daily_likes_left: dailyLikesLeft(ctx, account),
    messages_left_today: leftToday(account.messages, ctx.flags.get("messages_per_day"), ctx.now()),
    new_likes: account.newLikes,
  };
}

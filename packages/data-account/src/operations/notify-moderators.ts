import type { ModerationQueueName } from "@venus/data-common";
import type { Permission } from "@venus/model";
import type { AccountContext } from "../context.js";

const PERMISSION: Record<ModerationQueueName, Permission> = {
  images: "moderate_images",
  texts: "moderate_texts",
};

/** `moderation_queue_changed {queue}` to every connected account that moderates that queue. */
export function notifyModerators(ctx: AccountContext, queue: ModerationQueueName): void {
  const permission = PERMISSION[queue];
  for (const accountId of ctx.connections.onlineAccounts()) {
    if (ctx.cache.accounts.get(accountId)?.permissions.has(permission))
      ctx.connections.publish(accountId, "moderation_queue_changed", { queue });
  }
}

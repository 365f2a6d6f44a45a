import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";

/**
 * Queues a reminder email (what waits unseen, and the one-click unsubscribe link at `unsubscribePath`)
 * in the account's language (else email.default_language); durable once resolved. 503 busy when the outbox is full.
 */
export async function queueReminderMail(
  ctx: AccountContext,
  account: Account,
  unseen: { messages: number; likes: number },
  unsubscribePath: string,
): Promise<void> {
  ctx.mail.requireRoom();
  const count = (n: number) => (n === 0 ? "" : String(n));
  await ctx.writer.write(() =>
    ctx.mail.queue("activity_reminder", account.language ?? undefined, account.email, {
      messages: count(unseen.messages),
      likes: count(unseen.likes),
      unsubscribe_link: ctx.mail.link(unsubscribePath),
    }),
  );
  ctx.mail.sendSoon();
}

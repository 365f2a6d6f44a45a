import { queueReminderMail } from "@venus/data-account";
import { unseenSince } from "@venus/data-chat";
import { markReminded, reminderDue, UNSUBSCRIBE_LINK_PATH } from "@venus/data-push";
import { VenusError } from "@venus/model";
import type { AllComponents } from "./deletion/deletion-steps.js";

/**
 * Mails a reminder to every account that has unseen messages or likes which arrived after its last
 * visit and have waited past the delay (docs/push.md); resolves with how many were queued. A user
 * who is connected, or came back after they arrived, gets none. Stops early when the outbox is full.
 */
export async function sendDueReminders(components: AllComponents): Promise<number> {
  const { account: accounts, chat, push } = components;
  if (!push.config.push.reminders.enabled) return 0;
  let sent = 0;
  for (const account of [...accounts.cache.accounts.values()]) {
    if (account.state !== "normal" || account.bot || account.locked || account.deletion) continue;
    if (accounts.presence.isOnline(account.id)) continue;
    const lastVisit = accounts.presence.lastSeenAt(account.id) ?? account.createdAt;
    const unseen = unseenSince(chat, account.id, lastVisit);
    if (!unseen || !reminderDue(push, account.id, unseen.since)) continue;
    const token = await markReminded(push, account.id);
    try {
      await queueReminderMail(accounts, account, unseen, `${UNSUBSCRIBE_LINK_PATH}?token=${token}`);
    } catch (error) {
      if (error instanceof VenusError && error.code === "busy") break;
      throw error;
    }
    sent++;
  }
  return sent;
}

import { invalidField } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { publishAccountState } from "./publish-account-state.js";

/**
 * The owner's language for mails and news: one the mail templates have (400 `validation_failed`
 * naming `/language` otherwise), or null for email.default_language. The account's devices get
 * `account_state_changed`.
 */
export async function setAccountLanguage(
  ctx: AccountContext,
  account: Account,
  language: string | null,
): Promise<void> {
  const supported = ctx.mail.templates.languages();
  if (language !== null && !supported.includes(language))
    throw invalidField("language", `not one of the supported languages: ${supported.join(", ")}`);
  if (account.language === language) return;
  account.language = language;
  account.syncVersion++;
  await ctx.writer.write(() => ctx.statements.setLanguage(account.id, language, account.syncVersion));
  publishAccountState(ctx, account);
}

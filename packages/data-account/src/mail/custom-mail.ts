import { randomBytes } from "node:crypto";
import type { CustomMailStatements } from "@venus/database";
import {
  invalidInput,
  retryLater,
  VenusError,
  type CustomEmailRequest,
  type CustomEmailResponse,
} from "@venus/model";
import { RateLimiter } from "@venus/simple-backend";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";

/** Each account's unsubscribe token and whether it used it, and when a mail to all last went out. */
export class CustomMailState {
  private readonly tokens = new Map<string, { token: string; unsubscribed: boolean }>();
  private readonly byToken = new Map<string, string>();
  lastToAll: number | null;
  readonly toOneLimit: RateLimiter;

  constructor(
    readonly statements: CustomMailStatements,
    perHour: number,
    now: () => number,
  ) {
    for (const row of statements.tokens()) {
      this.tokens.set(row.account_id, { token: row.token, unsubscribed: row.unsubscribed_at !== null });
      this.byToken.set(row.token, row.account_id);
    }
    this.lastToAll = statements.lastBroadcast();
    this.toOneLimit = new RateLimiter(perHour, 3_600_000, now);
  }

  unsubscribed(accountId: string): boolean {
    return this.tokens.get(accountId)?.unsubscribed === true;
  }

  /** The account's token; a new one is written with the batch (call inside it). */
  tokenOf(accountId: string): string {
    const known = this.tokens.get(accountId);
    if (known) return known.token;
    const token = randomBytes(16).toString("base64url");
    this.statements.insertToken(accountId, token);
    this.tokens.set(accountId, { token, unsubscribed: false });
    this.byToken.set(token, accountId);
    return token;
  }

  accountOf(token: string): string | undefined {
    return this.byToken.get(token);
  }

  markUnsubscribed(accountId: string): void {
    const known = this.tokens.get(accountId);
    if (known) known.unsubscribed = true;
  }
}

const mailable = (ctx: AccountContext, account: Account) =>
  (account.state === "normal" || account.state === "initial_setup") &&
  account.emailVerified &&
  !account.bot &&
  !ctx.customMail.unsubscribed(account.id);

function recipients(ctx: AccountContext, request: CustomEmailRequest): Account[] {
  if (request.to === "all") return [...ctx.cache.accounts.values()].filter((a) => mailable(ctx, a));
  const account = ctx.cache.accounts.get(request.to.account_id);
  if (!account) throw new VenusError("not_found", "no such account");
  if (ctx.customMail.unsubscribed(account.id)) throw new VenusError("email_unsubscribed");
  if (!account.emailVerified || account.bot)
    throw new VenusError("invalid_state", "the account has no verified email address");
  return [account];
}

/**
 * Queues an admin's mail to one account or to all, each with its unsubscribe link, in one batch
 * through the outbox. Mails to one are limited per admin per hour; to all, once per interval.
 */
export async function sendCustomEmail(
  ctx: AccountContext,
  adminId: string,
  request: CustomEmailRequest,
): Promise<CustomEmailResponse> {
  const { custom_email: limits, email } = ctx.config;
  if (request.text.length > limits.max_text_chars)
    throw invalidInput([
      { path: "text", message: `longer than custom_email.max_text_chars (${limits.max_text_chars})` },
    ]);
  const now = ctx.now();
  const state = ctx.customMail;
  if (request.to === "all" && state.lastToAll !== null) {
    const waitMs = state.lastToAll + limits.to_all_min_interval_hours * 3_600_000 - now;
    if (waitMs > 0) throw retryLater("email_to_all_too_soon", Math.ceil(waitMs / 1000));
  }
  const accounts = recipients(ctx, request);
  if (ctx.statements.outbox.count() + accounts.length > email.max_queued)
    throw retryLater(
      "busy",
      60,
      "the mail outbox has no room for these mails (email.max_queued); retry later",
    );
  if (request.to !== "all") {
    const waitMs = state.toOneLimit.take(adminId);
    if (waitMs > 0) throw retryLater("rate_limited", Math.ceil(waitMs / 1000));
  } else state.lastToAll = now;
  await ctx.writer.write(() => {
    for (const account of accounts) {
      const link = ctx.mail.link(`/account/unsubscribe?token=${state.tokenOf(account.id)}`);
      ctx.mail.queueText(
        account.email,
        request.subject,
        `${request.text}\n\n--\n${email.app_name}. Stop these mails: ${link}\n`,
      );
    }
    if (request.to === "all") state.statements.insertBroadcast(now, adminId, accounts.length);
  });
  ctx.mail.sendSoon();
  return { queued: accounts.length };
}

/** `GET /account/unsubscribe?token=`: the link in every custom mail; no more custom mails to the account. */
export async function unsubscribeCustomEmail(ctx: AccountContext, token: string): Promise<void> {
  const accountId = ctx.customMail.accountOf(token);
  if (!accountId) throw new VenusError("not_found", "no such unsubscribe link");
  if (ctx.customMail.unsubscribed(accountId)) return;
  ctx.customMail.markUnsubscribed(accountId);
  await ctx.writer.write(() => ctx.customMail.statements.unsubscribe(accountId, ctx.now()));
}

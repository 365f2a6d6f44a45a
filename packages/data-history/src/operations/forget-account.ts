import type { HistoryContext } from "../context.js";

/**
 * Account deletion, history's part: its API usage and addresses, flushed or not, are forgotten.
 * A flush already under way commits first (the writer keeps order), so nothing comes back. The
 * hourly totals name no account and stay.
 */
export async function forgetAccountHistory(ctx: HistoryContext, accountId: string): Promise<void> {
  ctx.usage.forget(accountId);
  ctx.addresses.forget(accountId);
  await ctx.writer.write(() => ctx.statements.deleteAccount(accountId));
}

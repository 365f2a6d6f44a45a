import type { PushContext } from "../context.js";

/** Account deletion's push step: every target of the account, what waits for them, and its settings. */
export async function forgetPushAccount(ctx: PushContext, accountId: string): Promise<void> {
  const sessions = ctx.targets.forAccount(accountId).map((registered) => registered.sessionId);
  await ctx.writer.write(() => {
    for (const sessionId of sessions) ctx.statements.deleteTarget(sessionId);
    ctx.statements.forgetSettings(accountId);
  });
  for (const sessionId of sessions) ctx.targets.delete(sessionId);
  const token = ctx.settings.get(accountId)?.unsubscribeToken;
  if (token) ctx.unsubscribeTokens.delete(token);
  ctx.settings.delete(accountId);
}

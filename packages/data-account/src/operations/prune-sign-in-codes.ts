import type { AccountContext } from "../context.js";

/** The daily task: expired email codes and verifications leave memory and the database. */
export async function pruneSignInCodes(ctx: AccountContext): Promise<void> {
  const now = ctx.now();
  ctx.signIn.prune(now);
  await ctx.writer.write(() => ctx.statements.signIn.deleteExpired(now));
}

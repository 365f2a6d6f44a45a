import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { endAccountSessions } from "./sessions.js";

/**
 * The first proof that someone receives mail at an account's address (an emailed sign-in or password
 * reset code). Whoever registered the account never proved it, and may not be the address's owner (an
 * account made in someone else's name ahead of them): what they set up without that proof — the
 * password, providers they linked, a change of address they asked for — goes, and every session
 * ends, so only the prover gets in. `used` (the code's deletion) is written in the same commit.
 */
export async function takeOverUnverified(
  ctx: AccountContext,
  account: Account,
  used: () => void,
): Promise<void> {
  const hadPassword = account.passwordHash !== "";
  account.emailVerified = true;
  account.passwordHash = "";
  ctx.signIn.forgetAccount(account.id);
  await ctx.writer.write(() => {
    used();
    ctx.statements.signIn.setEmail(account.id, account.email, true);
    if (hadPassword) ctx.statements.setPasswordHash(account.id, "");
    ctx.statements.signIn.deleteAccountRows(account.id);
  });
  await endAccountSessions(ctx, account.id, "session_ended");
}

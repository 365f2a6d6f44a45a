import type { SignInMethods } from "@venus/model";
import type { Account } from "./cache/account-entity.js";
import type { AccountContext } from "./context.js";

/** `GET /account/sign_in_methods`. */
export function presentSignInMethods(ctx: AccountContext, account: Account): SignInMethods {
  const verification = ctx.signIn.verification(account.id, ctx.now());
  const change =
    verification && verification.email !== account.email
      ? { email: verification.email, expires_at: verification.expiresAt }
      : null;
  return {
    account_id: account.id,
    email: account.email,
    email_verified: account.emailVerified,
    pending_email_change: change,
    password: account.passwordHash !== "",
    oidc: ctx.signIn
      .identitiesOf(account.id)
      .map(({ provider, email, linkedAt }) => ({ provider, email, linked_at: linkedAt }))
      .sort((a, b) => a.provider.localeCompare(b.provider)),
  };
}

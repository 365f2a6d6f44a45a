import { VenusError, type OidcSignInRequest } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { publishSignInMethods } from "./publish-sign-in-methods.js";
import { identityWrite, verifiedIdentity, withEmail } from "./oidc-sign-in.js";

/** `POST /account/sign_in_methods/oidc`: links the token's identity to the signed-in account. */
export async function linkOidc(
  ctx: AccountContext,
  account: Account,
  request: OidcSignInRequest,
  ip: string,
): Promise<void> {
  const identity = withEmail(await verifiedIdentity(ctx, request, ip));
  const linked = ctx.signIn.identity(identity.provider, identity.subject);
  if (linked?.accountId === account.id) return;
  if (linked) throw new VenusError("identity_in_use");
  if (ctx.signIn.identityOf(account.id, identity.provider)) throw new VenusError("provider_already_linked");
  const prepared = identityWrite(ctx, account.id, identity);
  await ctx.writer.write(prepared.write);
  ctx.signIn.addIdentity(prepared.linked);
  publishSignInMethods(ctx, account.id);
}

/** `DELETE /account/sign_in_methods/oidc/{provider}`; the account can still sign in by email code. */
export async function unlinkOidc(ctx: AccountContext, account: Account, provider: string): Promise<void> {
  const linked = ctx.signIn.identityOf(account.id, provider);
  if (!linked) throw new VenusError("not_found", `no ${provider} identity is linked to the account`);
  ctx.signIn.removeIdentity(linked);
  await ctx.writer.write(() => ctx.statements.signIn.deleteIdentity(account.id, provider));
  publishSignInMethods(ctx, account.id);
}

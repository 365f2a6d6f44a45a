import { VenusError, type OidcSignInRequest, type SignInResponse } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import type { VerifiedIdentity } from "../oidc/verified-identity.js";
import { takeAttempt } from "../sign-in-limits.js";
import type { LinkedIdentity } from "../sign-in/sign-in-cache.js";
import { hashToken } from "../tokens.js";
import { createAccount } from "./create-account.js";
import { publishSignInMethods } from "./publish-sign-in-methods.js";
import { startSession } from "./sessions.js";

/** Verifies the ID token (signature, issuer, audience, expiry, nonce, verified email); each works once. */
export async function verifiedIdentity(
  ctx: AccountContext,
  request: OidcSignInRequest,
  ip: string,
): Promise<VerifiedIdentity> {
  takeAttempt([ctx.limits.oidcPerIp, ip]);
  const identity = await ctx.oidc.verify(request);
  const tokenHash = hashToken(request.id_token);
  if (!ctx.signIn.useIdToken(tokenHash, identity.expiresAt))
    throw new VenusError("invalid_id_token", "the ID token is not valid: already used");
  // Durable before anything is answered: a restart must not let the token work again.
  await ctx.writer.write(() =>
    ctx.statements.signIn.insertUsedIdToken(Buffer.from(tokenHash, "hex"), identity.expiresAt),
  );
  return identity;
}

/** Linking and registering need the provider's verified address. */
export function withEmail(identity: VerifiedIdentity): VerifiedIdentity & { email: string } {
  if (identity.email === undefined)
    throw new VenusError("email_not_verified", "the ID token carries no email address");
  return { ...identity, email: identity.email };
}

/** The identity's row, written inside a batch; the caller puts `linked` in the cache after the commit. */
export function identityWrite(
  ctx: AccountContext,
  accountId: string,
  identity: VerifiedIdentity & { email: string },
) {
  const linked: LinkedIdentity = {
    provider: identity.provider,
    subject: identity.subject,
    accountId,
    email: identity.email,
    linkedAt: ctx.now(),
  };
  const write = () =>
    ctx.statements.signIn.insertIdentity({
      provider: linked.provider,
      subject: linked.subject,
      account_id: accountId,
      email: linked.email,
      linked_at: linked.linkedAt,
    });
  return { linked, write };
}

/**
 * An identity seen for the first time, whose address already has an account: it joins that account
 * only when the account has verified the same address (both sides then own it); otherwise whoever
 * registered the address first could be someone else, and the owner links the provider after signing in.
 */
async function joinByEmail(
  ctx: AccountContext,
  account: Account,
  identity: VerifiedIdentity & { email: string },
): Promise<void> {
  if (!account.emailVerified || account.bot) throw new VenusError("email_link_required");
  if (ctx.signIn.identityOf(account.id, identity.provider)) throw new VenusError("provider_already_linked");
  if (account.locked) throw new VenusError("account_locked");
  const { linked, write } = identityWrite(ctx, account.id, identity);
  await ctx.writer.write(write);
  ctx.signIn.addIdentity(linked);
  publishSignInMethods(ctx, account.id);
}

/** `POST /account/sign_in/oidc`: signs in the identity's account, or registers one when allowed. */
export async function oidcSignIn(
  ctx: AccountContext,
  request: OidcSignInRequest,
  ip: string,
): Promise<SignInResponse> {
  const verified = await verifiedIdentity(ctx, request, ip);
  const linked = ctx.signIn.identity(verified.provider, verified.subject);
  let account = linked && ctx.cache.accounts.get(linked.accountId);
  let registered = false;
  if (!account) {
    const identity = withEmail(verified);
    account = ctx.cache.byEmail.get(identity.email);
    if (account) {
      await joinByEmail(ctx, account, identity);
    } else {
      const provider = ctx.oidc.provider(identity.provider);
      if (!ctx.flags.get("registration_enabled") || !provider?.registration_enabled)
        throw new VenusError("registration_disabled");
      let linkedNow: LinkedIdentity | undefined;
      account = await createAccount(ctx, { email: identity.email, emailVerified: true, ip }, (made) => {
        const prepared = identityWrite(ctx, made.id, identity);
        prepared.write();
        linkedNow = prepared.linked;
      });
      if (linkedNow) ctx.signIn.addIdentity(linkedNow);
      registered = true;
    }
  }
  return { account_id: account.id, ...(await startSession(ctx, account.id)), registered };
}

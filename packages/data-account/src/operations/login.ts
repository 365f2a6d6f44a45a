import { verify } from "@node-rs/argon2";
import { VenusError, type LoginRequest, type LoginResponse } from "@venus/model";
import type { AccountContext } from "../context.js";
import { normalizeEmail } from "../credentials.js";
import { takeAttempt } from "../sign-in-limits.js";
import { startSession } from "./sessions.js";

/** Password login: a new session with a fresh token pair, committed before it is returned. */
export async function login(ctx: AccountContext, request: LoginRequest, ip: string): Promise<LoginResponse> {
  const email = normalizeEmail(request.email);
  takeAttempt([ctx.limits.loginPerIp, ip], [ctx.limits.loginPerEmail, email]);
  const account = ctx.cache.byEmail.get(email);
  // An account made without a password (a provider, an email code) is checked against the dummy too.
  const passwordOk = await verify(account?.passwordHash || ctx.dummyPasswordHash, request.password).catch(
    () => false,
  );
  // Whether or not the password was right: a lock must not tell anyone whether they guessed it.
  if (account?.locked) throw new VenusError("account_locked");
  if (!account || !account.passwordHash || !passwordOk) throw new VenusError("invalid_credentials");
  const tokens = await startSession(ctx, account.id);
  return { account_id: account.id, ...tokens };
}

import { hash } from "@node-rs/argon2";
import { randomInt } from "node:crypto";
import { VenusError } from "@venus/model";
import type { Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { checkPassword, PASSWORD_HASH_OPTIONS } from "../credentials.js";
import { endAccountSessions } from "./sessions.js";

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password of at least 20 characters (~114 bits), longer when the config asks. */
function oneTimePassword(minLength: number): string {
  const length = Math.max(20, minLength);
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

export interface PasswordReset {
  /** The generated password; null when the caller chose it. */
  password: string | null;
  sessionsEnded: number;
}

/**
 * Gives `target` a new password — the caller's, or a generated one-time password — and ends every
 * session (each WebSocket gets `logged_out_by_admin`), so whoever held the account is out. Durable.
 * Bot accounts have no password and keep it that way (`409 invalid_state`).
 */
export async function resetPassword(
  ctx: AccountContext,
  target: Account,
  password: string | undefined,
): Promise<PasswordReset> {
  if (target.bot) throw new VenusError("invalid_state", "bot accounts sign in without a password");
  const chosen = password ?? oneTimePassword(ctx.config.account.password_min_length);
  checkPassword(chosen, ctx.config.account);
  const passwordHash = await hash(chosen, PASSWORD_HASH_OPTIONS);
  target.passwordHash = passwordHash;
  const [sessionsEnded] = await Promise.all([
    endAccountSessions(ctx, target.id, "logged_out_by_admin"),
    ctx.writer.write(() => ctx.statements.setPasswordHash(target.id, passwordHash)),
  ]);
  return { password: password === undefined ? chosen : null, sessionsEnded };
}

import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import {
  VenusError,
  type BotRegisterRequest,
  type LoginResponse,
  type Permission,
  type RemoteBotLoginRequest,
} from "@venus/model";
import { accountToRow, newAccount, type Account } from "../cache/account-entity.js";
import type { AccountContext } from "../context.js";
import { takeAttempt } from "../sign-in-limits.js";
import { startSession } from "./sessions.js";

const MODERATOR_PERMISSIONS: readonly Permission[] = ["moderate_images", "moderate_texts"];

/** What an unknown route answers: remote bot login refused by config looks like no route at all. */
const noSuchRoute = () => new VenusError("not_found", "no such route");

/**
 * A bot account (local bot listener only): no email anyone can use and no password, so it signs in
 * only through `POST /bot/login` or remote bot login. A moderator bot gets the moderation permissions.
 */
export async function registerBot(ctx: AccountContext, request: BotRegisterRequest): Promise<string> {
  const id = randomUUID();
  const account = newAccount({
    id,
    // `.invalid` is reserved (RFC 2606): no mail goes there and no user can register it.
    email: `${id}@bots.invalid`,
    passwordHash: "",
    permissions: new Set(request.moderator ? MODERATOR_PERMISSIONS : []),
    createdAt: ctx.now(),
    bot: true,
  });
  ctx.cache.addAccount(account);
  await ctx.writer.write(() => ctx.statements.insertAccount(accountToRow(account)));
  return id;
}

function botAccount(ctx: AccountContext, accountId: string): Account | undefined {
  const account = ctx.cache.accounts.get(accountId);
  return account?.bot ? account : undefined;
}

/** Local bot login: a new session for a bot account; any other id is `404 not_found`. */
export async function loginBot(ctx: AccountContext, accountId: string): Promise<LoginResponse> {
  if (!botAccount(ctx, accountId)) throw new VenusError("not_found", "no such bot account");
  return { account_id: accountId, ...(await startSession(ctx, accountId)) };
}

/** The allowlist of remote bot login; throws on an entry that is not an address or CIDR range. */
export function allowedAddresses(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function addressAllowed(ctx: AccountContext, ip: string): boolean {
  const entries = ctx.config.bots.remote_login_allowed;
  if (entries.length === 0) return true;
  const type = isIP(ip) === 6 ? "ipv6" : "ipv4";
  return isIP(ip) !== 0 && allowedAddresses(entries).check(ip, type);
}

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Remote bot login must be switched on (a password configured and the runtime flag
 * `remote_bot_login_enabled` on) and open to this address; otherwise it answers exactly as an unknown
 * route does — checked before anything else, the request body included.
 */
export function requireRemoteBotLoginOpen(ctx: AccountContext, ip: string): void {
  const on = ctx.config.bots.remote_login_password !== "" && ctx.flags.get("remote_bot_login_enabled");
  if (!on || !addressAllowed(ctx, ip)) throw noSuchRoute();
}

/**
 * Remote bot login on the public port: off unless `bots.remote_login_password` is set, and only from
 * `bots.remote_login_allowed`; refused addresses get the answer of an unknown route. The password is
 * compared in constant time and attempts count against the login limit per address.
 */
export async function remoteBotLogin(
  ctx: AccountContext,
  request: RemoteBotLoginRequest,
  ip: string,
): Promise<LoginResponse> {
  requireRemoteBotLoginOpen(ctx, ip);
  const password = ctx.config.bots.remote_login_password;
  takeAttempt([ctx.limits.loginPerIp, ip]);
  const passwordOk = timingSafeEqual(digest(request.password), digest(password));
  if (!passwordOk || !botAccount(ctx, request.account_id)) throw new VenusError("invalid_credentials");
  return { account_id: request.account_id, ...(await startSession(ctx, request.account_id)) };
}

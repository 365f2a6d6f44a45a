import type { BotRegisterRequest, LoginResponse, RegisterResponse } from "@venus/model";
import { BOT_CLIENT_VERSION } from "./client-version.js";
import { HttpApi } from "./http-api.js";
import { VenusClient, type ConnectOptions, type VenusClientOptions } from "./venus-client.js";

/** The local bot listener on this machine: `bots.local_port` (default 3001) on 127.0.0.1. */
export function localBotUrl(port = 3001): string {
  return `http://127.0.0.1:${port}`;
}

/** `POST /bot/register` on the local bot listener: a new bot account (in `initial_setup`). */
function registerLocal(localUrl: string, options: BotRegisterRequest = {}): Promise<RegisterResponse> {
  return new HttpApi(localUrl).post("/bot/register", options);
}

/** `POST /bot/login` on the local bot listener: a new session of a bot account. */
function loginLocal(localUrl: string, accountId: string): Promise<LoginResponse> {
  return new HttpApi(localUrl).post("/bot/login", { account_id: accountId });
}

/** `POST /bot/remote_login` on the public port, with the configured `bots.remote_login_password`. */
function remoteLogin(url: string, accountId: string, password: string): Promise<LoginResponse> {
  return new HttpApi(url).post("/bot/remote_login", { account_id: accountId, password });
}

/** Client options for a bot: client kind `bot` unless the caller names another. */
function asBot(options: VenusClientOptions): VenusClientOptions {
  return { ...options, client: options.client ?? { kind: "bot", version: BOT_CLIENT_VERSION } };
}

/**
 * A local bot, connected: logs in the bot account `accountId` through the local listener (registering
 * a new bot account first when there is none, with `moderator` permissions when asked) and connects
 * to the public API at `url` as client kind `bot`.
 */
async function localClient(
  url: string,
  localUrl: string,
  options: VenusClientOptions & ConnectOptions & { accountId?: string; moderator?: boolean } = {},
): Promise<VenusClient> {
  const { accountId, moderator, ...clientOptions } = options;
  const id =
    accountId ?? (await registerLocal(localUrl, moderator === undefined ? {} : { moderator })).account_id;
  const client = VenusClient.fromLogin(url, await loginLocal(localUrl, id), asBot(clientOptions));
  await client.connect(clientOptions);
  return client;
}

/** A remote bot, connected: remote bot login at `url`, then the socket as client kind `bot`. */
async function remoteClient(
  url: string,
  accountId: string,
  password: string,
  options: VenusClientOptions & ConnectOptions = {},
): Promise<VenusClient> {
  const client = VenusClient.fromLogin(url, await remoteLogin(url, accountId, password), asBot(options));
  await client.connect(options);
  return client;
}

/** Bot sign-in: the local listener (loopback only) and remote bot login. */
export const BotLogin = { registerLocal, loginLocal, remoteLogin, localClient, remoteClient } as const;

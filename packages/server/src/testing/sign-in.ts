import { request } from "./http-client.js";
import { WsClient, type Frame } from "./ws-client.js";

export interface SignedIn {
  accountId: string;
  accessToken: string;
  refreshToken: string;
  ws: WsClient;
  welcome: Frame;
}

let counter = 0;
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${process.pid}-${Date.now()}-${counter++}@example.com`;
}

export const PASSWORD = "correct horse battery staple";

/** The client flow: login → open /ws with hello → use the (possibly rotated) access token over HTTP. */
export async function connect(
  server: { url: string; wsUrl: string },
  tokens: Tokens,
  options: {
    kind?: string;
    msgpack?: boolean;
    sync?: Record<string, number>;
    /** Keep `moderation_queue_changed` frames (see ws-client.ts). */
    moderationEvents?: boolean;
  } = {},
): Promise<SignedIn> {
  const ws = await WsClient.connect(server.wsUrl, {
    msgpack: options.msgpack ?? false,
    moderationEvents: options.moderationEvents ?? false,
  });
  ws.send({
    type: "hello",
    access_token: tokens.access_token,
    protocol: 1,
    client: { kind: options.kind ?? "web", version: "1.0.0" },
    sync: options.sync ?? {},
  });
  const welcome = await ws.next();
  if (welcome.type !== "welcome") throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
  return {
    accountId: tokens.account_id,
    accessToken: (welcome.access_token as string | undefined) ?? tokens.access_token,
    refreshToken: tokens.refresh_token,
    ws,
    welcome,
  };
}

export interface Tokens {
  account_id: string;
  access_token: string;
  refresh_token: string;
}

/** Registers an account with the test password; returns its email. */
export async function register(server: { url: string }, email = uniqueEmail()): Promise<string> {
  const registered = await request(server.url, "POST", "/account/register", {
    body: { email, password: PASSWORD },
  });
  if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  return email;
}

/** A new session: logs in with the test password. */
export async function login(server: { url: string }, email: string): Promise<Tokens> {
  const result = await request<Tokens>(server.url, "POST", "/account/login", {
    body: { email, password: PASSWORD },
  });
  if (result.status !== 200) throw new Error(`login failed: ${JSON.stringify(result.body)}`);
  return result.body;
}

/**
 * Registers a new account, logs in and connects the WebSocket with an empty cache, consuming the one
 * sync event (`account_state_changed`) such a client always gets.
 */
export async function signUp(
  server: { url: string; wsUrl: string },
  options: { email?: string; kind?: string; msgpack?: boolean; moderationEvents?: boolean } = {},
): Promise<SignedIn & { email: string }> {
  const email = await register(server, options.email);
  const signedIn = await connect(server, await login(server, email), options);
  const sync = await signedIn.ws.next();
  if (sync.event !== "account_state_changed")
    throw new Error(`expected the sync event, got ${JSON.stringify(sync)}`);
  return { email, ...signedIn };
}

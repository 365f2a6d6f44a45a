/** The chat benchmark's clients: one authenticated WebSocket per account, the same code for both servers. */
import type { LoginResponse } from "@venus/model";
import { login } from "../packages/server/src/testing/sign-in.js";
import type { Frame, WsClient } from "../packages/server/src/testing/ws-client.js";
import { chatEmail } from "./chat-data.js";
import { mapConcurrent, withTimeout } from "./concurrency.js";
import type { VenusServer } from "./servers.js";
import { connectVenus } from "./ws-fleet.js";

/** Login is argon2-bound on the server: a few requests in flight keep its thread pool busy. */
const SIGN_IN_CONCURRENCY = 16;
const LOGIN_TIMEOUT_MS = 30_000;
/** Events a connection may get at hello, outside the chat workload. */
const SYNC_EVENTS = new Set(["account_state_changed", "matches_changed", "received_likes_changed"]);

export interface ChatPeer {
  accountId: string;
  ws: WsClient;
}

/** Accounts 2k and 2k + 1 of chat-data.ts: a match. */
export interface ChatPair {
  a: ChatPeer;
  b: ChatPeer;
}

/** One real login (email and password over HTTP) per account of chat-data.ts. */
export function signInAccounts(server: VenusServer, count: number): Promise<LoginResponse[]> {
  return mapConcurrent(
    Array.from({ length: count }, (_, i) => chatEmail(i)),
    SIGN_IN_CONCURRENCY,
    (email) => withTimeout(login(server, email), LOGIN_TIMEOUT_MS, "login"),
  );
}

/** What the relay takes as a sign-in: the account id itself as the access token. */
export const relayTokens = (ids: readonly string[]): LoginResponse[] =>
  ids.map((id) => ({ account_id: id, access_token: id, refresh_token: id }));

/** Opens `/ws` with `hello` → `welcome` for every session and pairs the accounts up in order. */
export async function connectPairs(
  server: VenusServer,
  sessions: readonly LoginResponse[],
): Promise<ChatPair[]> {
  const sockets = await connectVenus(
    server,
    sessions.map((tokens) => ({ kind: "web", tokens })),
  );
  const peers = sockets.map((ws, i) => ({ accountId: (sessions[i] as LoginResponse).account_id, ws }));
  return Array.from({ length: peers.length / 2 }, (_, k) => ({
    a: peers[2 * k] as ChatPeer,
    b: peers[2 * k + 1] as ChatPeer,
  }));
}

/**
 * Fails if any connection holds a frame nobody took: every message arrived once and was awaited,
 * so a duplicate or stray `new_message`, `delivered` or response would still be queued.
 */
export function assertNothingLeft(pairs: readonly ChatPair[]): void {
  const left = pairs
    .flatMap(({ a, b }) => [...a.ws.discard(() => true), ...b.ws.discard(() => true)])
    .filter((frame: Frame) => !(frame.type === "event" && SYNC_EVENTS.has(frame.event as string)));
  if (left.length > 0)
    throw new Error(`${left.length} unexpected frames, the first: ${JSON.stringify(left[0]).slice(0, 300)}`);
}

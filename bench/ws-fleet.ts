import { CLIENT_KINDS, type LoginResponse } from "@venus/model";
import { request } from "../packages/server/src/testing/http-client.js";
import { PASSWORD, connect, uniqueEmail } from "../packages/server/src/testing/sign-in.js";
import { WsClient } from "../packages/server/src/testing/ws-client.js";
import { mapConcurrent, withTimeout } from "./concurrency.js";
import type { BenchServer, VenusServer } from "./servers.js";

/** Sign-in is argon2-bound on the server: a few requests in flight keep its thread pool busy. */
const SIGN_IN_CONCURRENCY = 16;
const CONNECT_CONCURRENCY = 100;
/** Longest any one request, connection or close may take before the benchmark fails. */
const STEP_TIMEOUT_MS = 30_000;

export interface VenusLogin {
  kind: string;
  tokens: LoginResponse;
}

async function register(server: VenusServer): Promise<string> {
  const email = uniqueEmail("bench");
  const reply = await withTimeout(
    request(server.url, "POST", "/account/register", { body: { email, password: PASSWORD } }),
    STEP_TIMEOUT_MS,
    "register",
  );
  if (reply.status !== 201) throw new Error(`register: ${reply.status} ${JSON.stringify(reply.body)}`);
  return email;
}

async function login(server: VenusServer, email: string): Promise<LoginResponse> {
  const reply = await withTimeout(
    request<LoginResponse>(server.url, "POST", "/account/login", { body: { email, password: PASSWORD } }),
    STEP_TIMEOUT_MS,
    "login",
  );
  if (reply.status !== 200) throw new Error(`login: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * `count` sessions ready to connect: count / 4 new accounts, each logged in once per client kind
 * (Venus keeps one live connection per account and client kind, and one per session).
 */
export async function signInVenus(server: VenusServer, count: number): Promise<VenusLogin[]> {
  const accounts = Math.ceil(count / CLIENT_KINDS.length);
  const emails = await mapConcurrent(Array.from({ length: accounts }), SIGN_IN_CONCURRENCY, () =>
    register(server),
  );
  const slots = Array.from({ length: count }, (_, i) => ({
    email: emails[i % accounts] as string,
    kind: CLIENT_KINDS[Math.floor(i / accounts)] as string,
  }));
  return mapConcurrent(slots, SIGN_IN_CONCURRENCY, async (slot) => ({
    kind: slot.kind,
    tokens: await login(server, slot.email),
  }));
}

/** Opens one authenticated WebSocket per login (hello → welcome). */
export async function connectVenus(server: VenusServer, logins: readonly VenusLogin[]): Promise<WsClient[]> {
  return mapConcurrent(logins, CONNECT_CONCURRENCY, async (login) => {
    const signedIn = await withTimeout(
      connect(server, login.tokens, { kind: login.kind }),
      STEP_TIMEOUT_MS,
      "connect and hello",
    );
    return signedIn.ws;
  });
}

/** Opens `count` WebSockets to a server that needs no hello (the uws echo baseline). */
export function connectPlain(server: BenchServer, count: number): Promise<WsClient[]> {
  return mapConcurrent(Array.from({ length: count }), CONNECT_CONCURRENCY, () =>
    withTimeout(WsClient.connect(server.wsUrl), STEP_TIMEOUT_MS, "connect"),
  );
}

export async function closeAll(clients: readonly WsClient[]): Promise<void> {
  for (const client of clients) client.close();
  await withTimeout(Promise.all(clients.map((client) => client.closed)), STEP_TIMEOUT_MS, "close WebSockets");
}

/** Fails if the server closed any of the connections (a replaced or rejected one would not count). */
export function assertAllOpen(clients: readonly WsClient[]): void {
  const closed = clients.filter((c) => c.socket.readyState !== c.socket.OPEN);
  if (closed.length > 0)
    throw new Error(`${closed.length} of ${clients.length} WebSockets were closed by the server`);
}

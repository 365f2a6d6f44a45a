import {
  attachConnection,
  authenticateHello,
  detachConnection,
  judgeClient,
  rotateAccessTokenIfDue,
  type Authenticated,
} from "@venus/data-account";
import { chatSyncEvents } from "@venus/data-chat";
import { recordAddress } from "@venus/data-history";
import type { LiveConnection } from "@venus/data-common";
import {
  CLOSE_CODES,
  HelloFrame,
  PingFrame,
  PROTOCOL_VERSION,
  RequestFrame,
  VenusError,
  type ClientFrame,
  type DisconnectReason,
  type ErrorFrame,
  type WelcomeFrame,
} from "@venus/model";
import {
  TokenBucket,
  compileValidator,
  type Connection,
  type WebSocketHandlers,
} from "@venus/simple-backend";
import type { ApiDeps } from "../api-deps.js";
import { answerRequest } from "./websocket-requests.js";
import { fail, refuseClientVersion } from "./refusals.js";

type Phase = "hello" | "authenticating" | "ready";

export interface SessionState {
  phase: Phase;
  helloTimer: NodeJS.Timeout | undefined;
  bucket: TokenBucket;
  live: LiveConnection | undefined;
  /** The sign-in the connection was opened with, for WebSocket requests. */
  auth: Authenticated | undefined;
}

const checkHello = compileValidator(HelloFrame);
const checkPing = compileValidator(PingFrame);
const checkRequest = compileValidator(RequestFrame);
/**
 * A client frame (`ClientFrame`), checked against the one member its `type` names: the union's
 * check would try `ping` first and collect its errors for every request.
 */
const checkClientFrame = (frame: unknown): { ok: true; value: ClientFrame } | { ok: false } =>
  (frame as { type?: unknown } | null)?.type === "ping" ? checkPing(frame) : checkRequest(frame);

const DISCONNECT_CLOSE_CODES: Record<DisconnectReason, number> = {
  replaced: CLOSE_CODES.replaced,
  logged_out: CLOSE_CODES.loggedOut,
  session_ended: CLOSE_CODES.loggedOut,
  tokens_refreshed: CLOSE_CODES.loggedOut,
  shutting_down: CLOSE_CODES.shuttingDown,
  logged_out_by_admin: CLOSE_CODES.loggedOut,
  account_locked: CLOSE_CODES.loggedOut,
  account_deleted: CLOSE_CODES.loggedOut,
  device_signed_out: CLOSE_CODES.loggedOut,
  password_changed: CLOSE_CODES.loggedOut,
};

function liveConnection(
  connection: Connection<SessionState>,
  auth: Authenticated,
  kind: string,
): LiveConnection {
  return {
    accountId: auth.account.id,
    sessionId: auth.session.id,
    kind,
    send: (frame) => connection.send(frame),
    disconnect: (reason) => {
      connection.send({ type: "disconnect", reason });
      connection.close(DISCONNECT_CLOSE_CODES[reason], reason);
    },
  };
}

async function onHello(deps: ApiDeps, connection: Connection<SessionState>, frame: unknown): Promise<void> {
  const hello = checkHello(frame);
  if (!hello.ok) {
    const isHello = (frame as { type?: unknown } | null)?.type === "hello";
    return fail(
      connection,
      isHello ? "invalid_frame" : "hello_required",
      isHello ? "malformed hello frame" : "the first frame must be hello",
      CLOSE_CODES.protocolError,
    );
  }
  if (hello.value.protocol !== PROTOCOL_VERSION) {
    return fail(
      connection,
      "unsupported_protocol",
      `protocol ${PROTOCOL_VERSION} only`,
      CLOSE_CODES.protocolError,
    );
  }
  const version = judgeClient(deps.account.flags, hello.value.client);
  if (refuseClientVersion(connection, version)) return;
  let auth: Authenticated;
  try {
    auth = authenticateHello(deps.account, hello.value.access_token);
  } catch (error) {
    const code =
      error instanceof VenusError && error.code === "token_expired" ? "token_expired" : "invalid_token";
    return fail(connection, code, (error as Error).message, CLOSE_CODES.authFailed);
  }
  connection.state.phase = "authenticating";
  clearTimeout(connection.state.helloTimer);
  const rotated = await rotateAccessTokenIfDue(deps.account, auth);
  if (!connection.open) return;
  const live = liveConnection(connection, auth, hello.value.client.kind);
  connection.state.live = live;
  connection.state.auth = auth;
  connection.state.phase = "ready";
  const syncEvents = attachConnection(deps.account, auth, live, hello.value, connection.remoteAddress);
  recordAddress(deps.history, auth.account.id, connection.remoteAddress);
  const welcome: WelcomeFrame = {
    type: "welcome",
    account_id: auth.account.id,
    protocol: PROTOCOL_VERSION,
    server_time: deps.account.now(),
    ...(rotated ? { access_token: rotated } : {}),
    ...(version.verdict === "update_available"
      ? { update_available: { recommended_version: version.recommended_version } }
      : {}),
  };
  // After the rotation's await, outside any uWS callback: one write for all of them, not one each.
  connection.cork(() => {
    connection.send(welcome);
    const maintenance = deps.maintenance.eventForNewConnection();
    if (maintenance) connection.send(maintenance);
    for (const event of syncEvents) connection.send({ type: "event", event });
    for (const frame of chatSyncEvents(deps.chat, auth.account.id)) connection.send(frame);
  });
}

/** After welcome a bad frame costs an error frame, never the connection (docs/protocol.md). */
const invalidFrame = (message: string): ErrorFrame => ({ type: "error", code: "invalid_frame", message });

async function onReadyFrame(
  deps: ApiDeps,
  connection: Connection<SessionState>,
  frame: unknown,
): Promise<void> {
  if (frame instanceof Error) return connection.send(invalidFrame("frame is not valid JSON or msgpack"));
  const parsed = checkClientFrame(frame);
  if (!parsed.ok) return connection.send(invalidFrame("unknown or malformed frame"));
  const message = parsed.value;
  if (message.type === "ping") return connection.send({ type: "pong", id: message.id });
  const { auth } = connection.state;
  if (auth) await answerRequest(deps, connection, auth, message);
}

/** The `/ws` protocol: hello → welcome and sync events → pings and pushed events. */
export function websocketSession(deps: ApiDeps): WebSocketHandlers<SessionState> {
  const { websocket } = deps.account.config;
  return {
    initialState: () => ({
      phase: "hello",
      helloTimer: undefined,
      bucket: new TokenBucket(websocket.messages_per_second, websocket.message_burst),
      live: undefined,
      auth: undefined,
    }),
    onOpen: (connection) => {
      connection.state.helloTimer = setTimeout(
        () => fail(connection, "hello_timeout", "no hello in time", CLOSE_CODES.helloTimeout),
        websocket.hello_timeout_seconds * 1000,
      );
    },
    onFrame: (connection, frame) => {
      if (!connection.state.bucket.take()) {
        return fail(connection, "rate_limited", "too many frames", CLOSE_CODES.rateLimited);
      }
      if (connection.state.phase === "ready") return onReadyFrame(deps, connection, frame);
      if (connection.state.phase !== "hello") return;
      if (frame instanceof Error)
        return fail(
          connection,
          "invalid_frame",
          "frame is not valid JSON or msgpack",
          CLOSE_CODES.protocolError,
        );
      return onHello(deps, connection, frame);
    },
    onFrameError: (connection) => {
      const error: ErrorFrame = { type: "error", code: "internal_error", message: "internal error" };
      if (connection.state.phase === "ready") return connection.send(error);
      // The session could not be set up: the client reconnects, as after a restart.
      fail(connection, "internal_error", error.message, CLOSE_CODES.internalError);
    },
    onClose: (connection) => {
      clearTimeout(connection.state.helloTimer);
      if (connection.state.live) detachConnection(deps.account, connection.state.live);
    },
  };
}

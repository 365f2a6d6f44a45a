import {
  MANAGER_CLOSE_CODES,
  ManagerFrame,
  ManagerHelloFrame,
  type ManagerRequestFrame,
  type ManagerErrorFrame,
} from "@venus/model";
import {
  addWebSocketEndpoint,
  compileValidator,
  type Connection,
  type Logger,
  type Metrics,
  type HttpServer,
} from "@venus/simple-backend";
import { INVALID_API_KEY, type ApiKeyGate } from "../api/api-key-gate.js";
import type { ManagerHandler } from "../api/manager-request.js";
import type { LinkCaller, Remotes } from "../remotes/remotes.js";
import { PendingRequests } from "./pending-requests.js";
import { answerRequest } from "./answer-request.js";
import type { ServerLinks } from "./server-links.js";

export const MANAGER_SOCKET_PATH = "/manager/ws";

interface SocketState {
  phase: "hello" | "checking" | "ready";
  helloTimer: NodeJS.Timeout | undefined;
  role: ManagerHelloFrame["role"] | undefined;
  name: string | undefined;
  /** Requests this manager sent over the socket (to a manager that dialled in). */
  pending: PendingRequests;
  linkCaller: LinkCaller | undefined;
}

export interface ManagerSocketEndpointOptions {
  gate: ApiKeyGate;
  dispatch: ManagerHandler;
  remotes: Remotes;
  serverLinks: ServerLinks;
  version: string;
  requestTimeoutMs: number;
  maxFrameBytes: number;
  idleTimeoutSeconds: number;
  helloTimeoutMs: number;
  log: Logger;
  metrics: Metrics;
}

const checkHello = compileValidator(ManagerHelloFrame);
const checkFrame = compileValidator(ManagerFrame);

function refuse(connection: Connection<SocketState>, code: string, message: string, closeCode: number) {
  connection.send({ type: "error", code, message } satisfies ManagerErrorFrame);
  connection.close(closeCode, code);
}

/**
 * `/manager/ws`: the manager API over a WebSocket (msgpack). The first frame is `hello` with the API
 * key; then `request` frames are answered like HTTP requests, a server (role `server`) receives
 * events, and a manager that dialled in (role `link`) becomes the way to reach the remote it names.
 */
export function addManagerSocketEndpoint(http: HttpServer, options: ManagerSocketEndpointOptions) {
  const { log, remotes, serverLinks } = options;

  async function onHello(connection: Connection<SocketState>, frame: unknown): Promise<void> {
    const hello = checkHello(frame);
    if (!hello.ok || (hello.value.role === "link") !== (hello.value.name !== undefined))
      return refuse(
        connection,
        "invalid_frame",
        "the first frame must be a valid hello",
        MANAGER_CLOSE_CODES.protocolError,
      );
    connection.state.phase = "checking";
    clearTimeout(connection.state.helloTimer);
    const { key, role, name } = hello.value;
    if (!(await options.gate.admit(key, connection.remoteAddress, `WebSocket hello (${role})`)))
      return refuse(
        connection,
        INVALID_API_KEY.code,
        INVALID_API_KEY.message,
        MANAGER_CLOSE_CODES.invalidApiKey,
      );
    if (!connection.open) return;
    Object.assign(connection.state, { phase: "ready", role, name });
    connection.send({ type: "welcome", version: options.version });
    if (role === "server") serverLinks.add(connection);
    if (role === "link" && name !== undefined) {
      const caller: LinkCaller = (request, apiKey) => {
        const { id, response } = connection.state.pending.open(
          options.requestTimeoutMs,
          `remote manager "${name}"`,
        );
        connection.send({ type: "request", id, ...request, key: apiKey } satisfies ManagerRequestFrame);
        return response;
      };
      connection.state.linkCaller = caller;
      remotes.attachLink(name, caller);
      log.info({ name, address: connection.remoteAddress }, "a remote manager's link connected");
    }
  }

  async function onReadyFrame(connection: Connection<SocketState>, frame: unknown): Promise<void> {
    const parsed = checkFrame(frame);
    if (!parsed.ok)
      return refuse(
        connection,
        "invalid_frame",
        "unknown or malformed frame",
        MANAGER_CLOSE_CODES.protocolError,
      );
    const message = parsed.value;
    if (message.type === "ping") return connection.send({ type: "pong" });
    if (message.type === "response") {
      connection.state.pending.settle(message.id, { status: message.status, body: message.body });
      return;
    }
    if (message.type !== "request") return;
    const caller = connection.state.name ? `link:${connection.state.name}` : `ws:${connection.remoteAddress}`;
    connection.send(await answerRequest(message, caller, options.dispatch, log));
  }

  return addWebSocketEndpoint<SocketState>(
    http,
    {
      path: MANAGER_SOCKET_PATH,
      maxFrameBytes: options.maxFrameBytes,
      idleTimeoutSeconds: options.idleTimeoutSeconds,
      maxSendBufferBytes: 4 * options.maxFrameBytes,
      log,
      metrics: options.metrics,
    },
    {
      initialState: () => ({
        phase: "hello",
        helloTimer: undefined,
        role: undefined,
        name: undefined,
        pending: new PendingRequests(),
        linkCaller: undefined,
      }),
      onOpen: (connection) => {
        if (!connection.binary)
          return refuse(
            connection,
            "msgpack_required",
            "use the msgpack subprotocol",
            MANAGER_CLOSE_CODES.protocolError,
          );
        connection.state.helloTimer = setTimeout(
          () => refuse(connection, "hello_timeout", "no hello in time", MANAGER_CLOSE_CODES.helloTimeout),
          options.helloTimeoutMs,
        );
      },
      onFrame: (connection, frame) => {
        if (frame instanceof Error)
          return refuse(
            connection,
            "invalid_frame",
            "the frame is not msgpack",
            MANAGER_CLOSE_CODES.protocolError,
          );
        if (connection.state.phase === "hello") return onHello(connection, frame);
        if (connection.state.phase === "ready") return onReadyFrame(connection, frame);
      },
      onFrameError: (connection) => {
        const message = "the manager failed on this frame";
        if (connection.state.phase !== "ready")
          return refuse(connection, "internal_error", message, MANAGER_CLOSE_CODES.protocolError);
        connection.send({ type: "error", code: "internal_error", message } satisfies ManagerErrorFrame);
      },
      onClose: (connection) => {
        const { state } = connection;
        clearTimeout(state.helloTimer);
        state.pending.failAll("the remote manager's socket closed");
        if (state.role === "server") serverLinks.remove(connection);
        if (state.linkCaller !== undefined && state.name !== undefined) {
          remotes.detachLink(state.name, state.linkCaller);
          log.info({ name: state.name }, "a remote manager's link closed");
        }
      },
    },
  );
}

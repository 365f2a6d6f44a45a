/**
 * The baseline of the chat benchmark: a bare uWebSockets.js server, run as its own process, that
 * answers the chat frames of Venus's WebSocket protocol with the same frames and forwards the same
 * events, but stores, checks and signs nothing. `hello` takes the account id from `access_token`;
 * events go to the latest connection of the account they are for.
 */
import { requireNativeUws, type WebSocket } from "../packages/simple-backend/src/http/uws/native-uws.js";

interface Peer {
  accountId?: string;
  /** Numbers the messages this connection sends (Venus numbers them per conversation). */
  sent: number;
}

type Body = Record<string, unknown>;
type Reply = (socket: WebSocket<Peer>, body: Body) => Body;

const uws = requireNativeUws();
const sockets = new Map<string, WebSocket<Peer>>();
/** The envelope field Venus fills with its HMAC: any 43 base64url characters here. */
const SIGNATURE = "A".repeat(43);

function send(to: string | undefined, frame: object): void {
  sockets.get(to as string)?.send(JSON.stringify(frame), false);
}

const event = (name: string, data: object) => ({ type: "event", event: name, data });

/** Each chat request's response body; the events it causes go out on the way. */
const REPLIES: Record<string, Reply> = {
  "chat.send": (socket, body) => {
    const peer = socket.getUserData();
    const result = { uuid: body.uuid, number: ++peer.sent, sent_at: Date.now() };
    const envelope = { version: 1, sender: peer.accountId, ...body, ...result, signature: SIGNATURE };
    send(body.recipient as string, event("new_message", envelope));
    return result;
  },
  "chat.ack": (socket, body) => {
    const messages = body.messages as { sender: string; uuid: string }[];
    const recipient = socket.getUserData().accountId;
    for (const { sender, uuid } of messages) {
      // The relay keeps no message, so it does not know the number.
      const receipt = { recipient, uuid, number: 0, delivered_at: Date.now() };
      send(sender, event("delivered", { receipts: [receipt] }));
    }
    return { acknowledged: messages.length };
  },
  "chat.sent.ack": (_socket, body) => ({ acknowledged: (body.uuids as string[]).length }),
};

function answer(socket: WebSocket<Peer>, frame: Body): void {
  if (frame.type === "hello") {
    const accountId = frame.access_token as string;
    socket.getUserData().accountId = accountId;
    sockets.set(accountId, socket);
    const welcome = { type: "welcome", account_id: accountId, protocol: 1, server_time: Date.now() };
    socket.send(JSON.stringify(welcome), false);
  } else if (frame.type === "request") {
    const reply = REPLIES[frame.method as string];
    const response = reply
      ? { status: 200, body: reply(socket, frame.body as Body) }
      : { status: 404, body: { error: "not_found" } };
    socket.send(JSON.stringify({ type: "response", id: frame.id, ...response }), false);
  }
}

uws
  .App()
  .ws<Peer>("/ws", {
    idleTimeout: 960,
    maxPayloadLength: 128 * 1024,
    sendPingsAutomatically: false,
    upgrade: (res, req, context) => {
      res.upgrade<Peer>(
        { sent: 0 },
        req.getHeader("sec-websocket-key"),
        req.getHeader("sec-websocket-protocol"),
        req.getHeader("sec-websocket-extensions"),
        context,
      );
    },
    message: (socket, message) => {
      answer(socket, JSON.parse(Buffer.from(message).toString("utf8")) as Body);
    },
    close: (socket) => {
      const { accountId } = socket.getUserData();
      if (accountId !== undefined && sockets.get(accountId) === socket) sockets.delete(accountId);
    },
  })
  .listen("127.0.0.1", 0, (listenSocket) => {
    if (!listenSocket) throw new Error("cannot listen on 127.0.0.1");
    const port = uws.us_socket_local_port(listenSocket as never);
    process.stdout.write(`${JSON.stringify({ msg: "listening", port })}\n`);
  });

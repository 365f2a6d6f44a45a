import WebSocket from "ws";
import type { ChatUser } from "./chat-flow.js";

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** The server went away before answering: the client does not know what became of the request. */
export class NoAnswer extends Error {}

/**
 * A client's own WebSocket: request frames answered by id, pushed events to a handler that runs as
 * each frame arrives (so acknowledgements go out while traffic flows).
 */
export class ChatSocket {
  private nextId = 0;
  private readonly waiting = new Map<
    string,
    { resolve: (reply: Reply) => void; reject: (e: Error) => void; answered?: (reply: Reply) => void }
  >();
  readonly closed: Promise<void>;

  private constructor(
    private readonly socket: WebSocket,
    onEvent: (event: string, data: unknown) => void,
    problem: (text: string) => void,
  ) {
    socket.on("error", () => {}); // a killed server resets the connection; `close` follows
    socket.on("message", (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame.type === "event") onEvent(frame.event as string, frame.data);
      else if (frame.type === "response" || frame.type === "pong") {
        const id = String(frame.id);
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        const reply = { status: frame.status as number, body: frame.body as Record<string, unknown> };
        waiter?.answered?.(reply);
        waiter?.resolve(reply);
      } else problem(`unexpected frame ${JSON.stringify(frame)}`);
    });
    this.closed = new Promise((resolve) =>
      socket.on("close", () => {
        for (const waiter of this.waiting.values()) waiter.reject(new NoAnswer("connection closed"));
        this.waiting.clear();
        resolve();
      }),
    );
  }

  /**
   * Connects with the user's access token; the welcome frame's rotated token replaces it. `ready`
   * gets the socket before any frame after the welcome is handled (they may come in the same chunk).
   */
  static open(
    server: { wsUrl: string },
    user: ChatUser,
    handlers: {
      ready: (socket: ChatSocket) => void;
      event: (event: string, data: unknown) => void;
      problem: (text: string) => void;
    },
  ): Promise<ChatSocket> {
    const socket = new WebSocket(server.wsUrl);
    return new Promise((resolve, reject) => {
      socket.once("error", reject);
      socket.once("open", () =>
        socket.send(
          JSON.stringify({
            type: "hello",
            access_token: user.accessToken,
            protocol: 1,
            client: { kind: "web", version: "1.0.0" },
            sync: {},
          }),
        ),
      );
      socket.once("message", (data: Buffer) => {
        const welcome = JSON.parse(data.toString()) as Record<string, unknown>;
        if (welcome.type !== "welcome") return reject(new Error(`no welcome: ${JSON.stringify(welcome)}`));
        if (typeof welcome.access_token === "string") user.accessToken = welcome.access_token;
        // Listening from the welcome's own tick, so no later frame is missed.
        const client = new ChatSocket(socket, handlers.event, handlers.problem);
        handlers.ready(client);
        resolve(client);
      });
    });
  }

  /**
   * `answered` sees the reply as its frame is handled, before any later frame: several frames of
   * one chunk are handled in a row, before the awaiting code resumes.
   */
  request(method: string, body: unknown, answered?: (reply: Reply) => void): Promise<Reply> {
    return this.roundTrip({ type: "request", method, body }, answered);
  }

  /** Answered after every frame the server queued before it (the sync events after welcome). */
  async ping(): Promise<void> {
    await this.roundTrip({ type: "ping" });
  }

  private roundTrip(frame: Record<string, unknown>, answered?: (reply: Reply) => void): Promise<Reply> {
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new NoAnswer("not open"));
    const id = `r${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, ...(answered ? { answered } : {}) });
      this.socket.send(JSON.stringify({ ...frame, id }));
    });
  }

  close(): Promise<void> {
    this.socket.close();
    return this.closed;
  }
}

import { randomUUID } from "node:crypto";
import type { DeliveredReceipt, MessageEnvelope, SendMessageResponse } from "@venus/model";
import { describe, expect, test } from "vitest";
import WebSocket from "ws";
import { matchedPair, storedMessages, toBase64, type ChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as } from "../testing/profile-flow.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const PAIRS = 10;
/** Sends each user keeps in flight (pipelined on its socket, so frame order is send order). */
const LANES = 4;
/** Successful sends before the kill. */
const TARGET = 400;

const config = {
  rate_limits: GENEROUS_RATE_LIMITS,
  websocket: { messages_per_second: 100_000, message_burst: 100_000 },
  chat: {
    messages_per_day: 100_000,
    max_unacknowledged_per_conversation: 10_000,
    max_pending_receipts: 10_000,
    pending_page_size: 10_000,
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** The server went away before answering: the client does not know what became of the request. */
class NoAnswer extends Error {}

/**
 * A client's own WebSocket: request frames answered by id, pushed events to a handler that runs as
 * each frame arrives (so acknowledgements go out while traffic flows).
 */
class ChatSocket {
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

/** Before the kill; pushed on reconnect after the restart (before any retry); live after that. */
type Phase = "before" | "sync" | "after";

interface Attempt {
  seq: number;
  uuid: string;
  /** Base64 of "sender:seq". */
  body: string;
  /** The answer before the kill, if any. */
  before?: SendMessageResponse | "no_answer" | "refused";
  /** The answer to the same UUID sent again after the restart (only for `no_answer`). */
  retry?: SendMessageResponse;
  /** For a few answered sends, the answer to sending them again after the restart (a lost answer). */
  again?: SendMessageResponse;
}

/** One user of a pair: sends to its partner, receives from it, acknowledges both ways. */
class Peer {
  phase: Phase = "before";
  /** Acknowledge `new_message` as it arrives (off while the reconnect's pushes are compared). */
  autoAck = true;
  socket!: ChatSocket;
  readonly attempts: Attempt[] = [];
  /** uuid → every copy of that message pushed to this user, in arrival order. */
  readonly received = new Map<string, { envelope: MessageEnvelope; phase: Phase }[]>();
  /** The reconnect's pushed messages, in order. */
  readonly syncPushed: MessageEnvelope[] = [];
  /** Messages whose `chat.ack` got 200 before the kill. */
  readonly ackedBefore = new Set<string>();
  /** Sends this user has the result of: only those may be acknowledged (chat.sent.ack). */
  readonly answered = new Set<string>();
  /** Delivered receipts for sends not yet answered: acknowledged once the send is answered. */
  readonly deferredReceipts = new Set<string>();
  readonly receipts: DeliveredReceipt[] = [];
  readonly problems: string[] = [];
  acksUnanswered = 0;
  sentAcksUnanswered = 0;
  private outstanding = 0;

  constructor(
    readonly user: ChatUser,
    readonly partner: ChatUser,
  ) {}

  get idle(): boolean {
    return this.outstanding === 0;
  }

  async connect(server: { wsUrl: string }): Promise<void> {
    await ChatSocket.open(server, this.user, {
      ready: (socket) => (this.socket = socket),
      event: (event, data) => this.onEvent(event, data),
      problem: (text) => this.problems.push(text),
    });
  }

  private onEvent(event: string, data: unknown): void {
    if (event === "new_message") {
      const envelope = data as MessageEnvelope;
      if (envelope.sender !== this.partner.accountId || envelope.recipient !== this.user.accountId)
        this.problems.push(`misaddressed ${JSON.stringify(envelope)}`);
      const copies = this.received.get(envelope.uuid) ?? [];
      copies.push({ envelope, phase: this.phase });
      this.received.set(envelope.uuid, copies);
      if (this.phase === "sync") this.syncPushed.push(envelope);
      if (this.autoAck) void this.ack([envelope]);
    } else if (event === "delivered") {
      const { receipts } = data as { receipts: DeliveredReceipt[] };
      this.receipts.push(...receipts);
      const ready: string[] = [];
      for (const { uuid } of receipts) {
        if (this.answered.has(uuid)) ready.push(uuid);
        else this.deferredReceipts.add(uuid);
      }
      if (ready.length > 0) void this.ackSent(ready);
    }
  }

  private async track<T>(request: Promise<T>): Promise<T> {
    this.outstanding++;
    try {
      return await request;
    } finally {
      this.outstanding--;
    }
  }

  /** The recipient has these messages (chat.ack). */
  async ack(envelopes: MessageEnvelope[]): Promise<void> {
    const phase = this.phase;
    const messages = envelopes.map((e) => ({ sender: e.sender, uuid: e.uuid }));
    try {
      const reply = await this.track(this.socket.request("chat.ack", { messages }));
      if (reply.status !== 200 || reply.body.acknowledged !== envelopes.length)
        this.problems.push(
          `ack of ${envelopes.length} answered ${reply.status} ${JSON.stringify(reply.body)}`,
        );
      else if (phase === "before") for (const e of envelopes) this.ackedBefore.add(e.uuid);
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      this.acksUnanswered += envelopes.length;
    }
  }

  /** The sender has the results and delivered receipts of these sends (chat.sent.ack). */
  async ackSent(uuids: string[]): Promise<void> {
    try {
      const reply = await this.track(this.socket.request("chat.sent.ack", { uuids }));
      if (reply.status !== 200 || reply.body.acknowledged !== uuids.length)
        this.problems.push(
          `sent ack of ${uuids.length} answered ${reply.status} ${JSON.stringify(reply.body)}`,
        );
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      this.sentAcksUnanswered += uuids.length;
    }
  }

  private sendBody(attempt: Attempt) {
    return {
      recipient: this.partner.accountId,
      uuid: attempt.uuid,
      sender_key_id: this.user.keyId,
      recipient_key_id: this.partner.keyId,
      body: attempt.body,
    };
  }

  /**
   * Records a send's answer as its frame arrives, so that a delivered receipt right behind it (same
   * chunk) finds the send answered; a receipt that came first is acknowledged now.
   */
  private answer(attempt: Attempt, reply: Reply, which: "before" | "retry"): void {
    if (reply.status !== 200 || reply.body.uuid !== attempt.uuid) {
      this.problems.push(`send ${attempt.seq} answered ${reply.status} ${JSON.stringify(reply.body)}`);
      if (which === "before") attempt.before = "refused";
      return;
    }
    attempt[which] = reply.body as unknown as SendMessageResponse;
    this.answered.add(attempt.uuid);
    if (this.deferredReceipts.delete(attempt.uuid)) void this.ackSent([attempt.uuid]);
  }

  /** Sends to the partner, one after another, until the connection goes. */
  async sendLoop(succeeded: () => void): Promise<void> {
    for (;;) {
      const seq = this.attempts.length;
      const attempt: Attempt = {
        seq,
        uuid: randomUUID(),
        body: toBase64(`${this.user.accountId}:${seq}`),
      };
      this.attempts.push(attempt);
      try {
        await this.socket.request("chat.send", this.sendBody(attempt), (reply) =>
          this.answer(attempt, reply, "before"),
        );
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        attempt.before = "no_answer";
        return;
      }
      if (attempt.before === "refused") return;
      succeeded();
    }
  }

  /**
   * Sends again, as a client that lost their answers would, the last `max` messages answered before
   * the kill that are still pending for the partner (so not finished: the sender has not acknowledged).
   */
  async resendAnswered(pendingAtPartner: readonly MessageEnvelope[], max: number): Promise<number> {
    const pending = new Set(pendingAtPartner.map((e) => e.uuid));
    const picked = this.attempts
      .filter((a) => typeof a.before === "object" && pending.has(a.uuid))
      .slice(-max);
    for (const attempt of picked) {
      const reply = await this.socket.request("chat.send", this.sendBody(attempt));
      if (reply.status === 200) attempt.again = reply.body as unknown as SendMessageResponse;
      else this.problems.push(`resend ${attempt.seq} answered ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return picked.length;
  }

  /** Sends every unanswered message again with its UUID, in send order, each after the previous answer. */
  async retryUnanswered(): Promise<void> {
    for (const attempt of this.attempts) {
      if (attempt.before !== "no_answer") continue;
      await this.socket.request("chat.send", this.sendBody(attempt), (reply) =>
        this.answer(attempt, reply, "retry"),
      );
    }
  }
}

/** The answer the sender ended up with: before the kill, or to the retry after it. */
const answerOf = (attempt: Attempt): SendMessageResponse | undefined =>
  typeof attempt.before === "object" ? attempt.before : attempt.retry;

/** What the pair of `sender` (to `recipient`) violates of the durability contract. */
function violations(sender: Peer, recipient: Peer, restartedAt: number): string[] {
  const found: string[] = [];
  const sent = new Set(sender.attempts.map((a) => a.uuid));
  for (const uuid of recipient.received.keys())
    if (!sent.has(uuid)) found.push(`${uuid} received but never sent`);
  let lastNumber = 0;
  for (const attempt of sender.attempts) {
    const at = `message ${attempt.seq} (${attempt.uuid})`;
    const answer = answerOf(attempt);
    if (!answer) {
      found.push(`${at}: never answered 200 (${JSON.stringify(attempt.before)})`);
      continue;
    }
    if (attempt.again && JSON.stringify(attempt.again) !== JSON.stringify(answer))
      found.push(`${at}: answered ${JSON.stringify(answer)}, sent again ${JSON.stringify(attempt.again)}`);
    // Numbers increase in send order per sender (retries go out in send order too).
    if (answer.number <= lastNumber) found.push(`${at}: number ${answer.number} after ${lastNumber}`);
    lastNumber = answer.number;
    const copies = recipient.received.get(attempt.uuid) ?? [];
    if (copies.length === 0) {
      found.push(`${at}: answered ${JSON.stringify(answer)} but never delivered`);
      continue;
    }
    const [first] = copies as [(typeof copies)[number]];
    const expected: MessageEnvelope = {
      version: 1,
      sender: sender.user.accountId,
      recipient: recipient.user.accountId,
      uuid: attempt.uuid,
      number: answer.number,
      sent_at: answer.sent_at,
      sender_key_id: sender.user.keyId,
      recipient_key_id: recipient.user.keyId,
      body: attempt.body,
      signature: first.envelope.signature,
    };
    // Redeliveries (of an unacknowledged message) are identical: same number, body, signature.
    for (const copy of copies)
      if (JSON.stringify(copy.envelope) !== JSON.stringify(expected))
        found.push(`${at}: told ${JSON.stringify(answer)}, delivered ${JSON.stringify(copy)}`);
    const count = (phase: Phase) => copies.filter((c) => c.phase === phase).length;
    const [before, sync, after] = [count("before"), count("sync"), count("after")];
    if (before > 1 || sync > 1 || after > 1) found.push(`${at}: pushed ${before}/${sync}/${after} times`);
    // Exactly once for an acknowledged message: never again after the restart.
    if (recipient.ackedBefore.has(attempt.uuid) && copies.length !== 1)
      found.push(`${at}: acknowledged before the kill, delivered again (${before}/${sync}/${after})`);
    // A message stored before the kill (seen by the recipient then, or pending on reconnect) is the
    // one a retry gets; a retry of one that was not is stored anew, by the restarted server.
    const storedBefore = before + sync > 0;
    if (storedBefore && after > 0) found.push(`${at}: stored before the kill, stored again by the retry`);
    if (storedBefore && answer.sent_at >= restartedAt)
      found.push(`${at}: stored before the kill, answered with a new sent_at`);
    if (!storedBefore && answer.sent_at < restartedAt) found.push(`${at}: stored before the kill but lost`);
  }
  for (const receipt of sender.receipts) {
    const attempt = sender.attempts.find((a) => a.uuid === receipt.uuid);
    const answer = attempt && answerOf(attempt);
    if (!answer || receipt.number !== answer.number || receipt.recipient !== recipient.user.accountId)
      found.push(`receipt ${JSON.stringify(receipt)} for ${JSON.stringify(answer)}`);
  }
  return found;
}

describe("chat durability", () => {
  test("kill -9 while 10 pairs chat: every message answered 200 is delivered exactly once after restart", async () => {
    const started = Date.now();
    const first = await startServer({ config });
    let second: RunningServer | undefined;
    try {
      const pairs = await Promise.all(Array.from({ length: PAIRS }, () => matchedPair(first)));
      const peers: Peer[] = [];
      for (const [a, b] of pairs) peers.push(new Peer(a, b), new Peer(b, a));
      const partnerOf = (peer: Peer) => peers.find((p) => p.user === peer.partner) as Peer;
      // Each user now talks over its own client socket (one live connection per session).
      await Promise.all(
        peers.map(async (peer) => {
          peer.user.ws.close();
          await peer.user.ws.closed;
          await peer.connect(first);
        }),
      );
      const setUp = Date.now();

      // Traffic: every user keeps LANES sends in flight to its partner; both sides acknowledge as
      // messages and receipts arrive. Kill -9 once TARGET sends have succeeded, without stopping it.
      let succeeded = 0;
      let reached!: () => void;
      const target = new Promise<void>((resolve) => (reached = resolve));
      const loops = peers.flatMap((peer) =>
        Array.from({ length: LANES }, () =>
          peer.sendLoop(() => {
            if (++succeeded === TARGET) reached();
          }),
        ),
      );
      // (The loops end early only if a send is refused: then fail rather than wait.)
      await Promise.race([target, Promise.all(loops)]);
      expect(succeeded).toBeGreaterThanOrEqual(TARGET);
      const killedAt = Date.now();
      first.process.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      await Promise.all(loops);
      await Promise.all(peers.map((peer) => peer.socket.closed));
      // Every message the first server stored has sent_at before this; the second one's after it.
      const restartedAt = Date.now();

      const attempts = peers.flatMap((peer) => peer.attempts);
      const answeredBefore = attempts.filter((a) => typeof a.before === "object").length;
      const unanswered = attempts.filter((a) => a.before === "no_answer");
      // The crash came mid-traffic: enough sends had succeeded, and others were still waiting.
      expect(answeredBefore).toBeGreaterThanOrEqual(TARGET);
      expect(unanswered.length).toBeGreaterThan(0);

      // Restart on the same data; every session reconnects with its (durable) access token. The
      // pending messages pushed after welcome must be what GET /chat/messages/pending lists.
      second = await startServer({ config, dataDir: first.dataDir });
      const server = second;
      for (const peer of peers) {
        peer.phase = "sync";
        peer.autoAck = false;
      }
      await Promise.all(
        peers.map(async (peer) => {
          await peer.connect(server);
          await peer.socket.ping();
        }),
      );
      for (const peer of peers) {
        const pending = await as(server, peer.user).get<{ messages: MessageEnvelope[]; more: boolean }>(
          "/chat/messages/pending",
        );
        expect(pending.status).toBe(200);
        expect(pending.body).toEqual({ messages: peer.syncPushed, more: false });
        const numbers = peer.syncPushed.map((e) => e.number);
        expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
      }
      const recovered = unanswered.filter((a) =>
        peers.some((peer) => peer.received.get(a.uuid)?.some((c) => c.phase !== "after")),
      ).length;
      const redelivered = peers.reduce((n, peer) => n + peer.syncPushed.length, 0);
      // Answers lost with the crash, though the sends were answered: the same UUID again gets the
      // original answer (checked in `violations`), and nothing new is stored or pushed.
      const resent = await Promise.all(
        peers.map((peer) => peer.resendAnswered(partnerOf(peer).syncPushed, 2)),
      );
      expect(resent.reduce((n, count) => n + count, 0)).toBeGreaterThan(0);
      await Promise.all(
        peers.map(async (peer) => {
          if (peer.syncPushed.length > 0) await peer.ack(peer.syncPushed);
          peer.phase = "after";
          peer.autoAck = true;
        }),
      );

      // Each sender retries what it got no answer for: the original result, or stored now.
      await Promise.all(peers.map((peer) => peer.retryUnanswered()));
      const deadline = Date.now() + 10_000;
      while ((storedMessages(server).length > 0 || !peers.every((p) => p.idle)) && Date.now() < deadline)
        await sleep(20);

      const problems = peers.flatMap((peer) => peer.problems);
      expect(problems).toEqual([]);
      expect(peers.flatMap((peer) => violations(peer, partnerOf(peer), restartedAt))).toEqual([]);
      // Numbers are per conversation, both directions sharing them: 1, 2, 3… with no gap or repeat
      // (the sends lost in the crash had their numbers rolled back with them).
      for (const [a, b] of pairs) {
        const numbers = peers
          .filter((peer) => peer.user === a || peer.user === b)
          .flatMap((peer) => peer.attempts.map((attempt) => answerOf(attempt)?.number))
          .sort((x, y) => (x ?? 0) - (y ?? 0));
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      }
      // Both sides have acknowledged everything: nothing pending, no receipts, no rows left.
      for (const peer of peers) {
        const pending = await as(server, peer.user).get("/chat/messages/pending");
        expect(pending.body).toEqual({ messages: [], more: false });
        const receipts = await as(server, peer.user).get("/chat/receipts");
        expect(receipts.body).toEqual({ delivered: [], seen: [] });
        expect(peer.deferredReceipts.size).toBe(0);
      }
      expect(storedMessages(server)).toEqual([]);

      const acksUnanswered = peers.reduce((n, peer) => n + peer.acksUnanswered, 0);
      const sentAcksUnanswered = peers.reduce((n, peer) => n + peer.sentAcksUnanswered, 0);
      console.log(
        `chat durability: ${answeredBefore} sends answered before kill -9, ${unanswered.length} unanswered ` +
          `(${recovered} of them stored before the kill), ${acksUnanswered} recipient acks and ` +
          `${sentAcksUnanswered} sender acks unanswered, ${redelivered} messages pushed again on reconnect, ` +
          `${resent.reduce((n, count) => n + count, 0)} answered sends sent again; ` +
          `setup ${setUp - started} ms, traffic ${killedAt - setUp} ms, ` +
          `recovery ${Date.now() - restartedAt} ms`,
      );
      await Promise.all(peers.map((peer) => peer.socket.close()));
    } finally {
      if (first.process.exitCode === null && first.process.signalCode === null) await first.stop();
      await second?.stop();
      first.cleanup();
    }
  }, 60_000);
});

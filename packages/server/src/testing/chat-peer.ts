import { randomUUID } from "node:crypto";
import type { DeliveredReceipt, MessageEnvelope, SendMessageResponse } from "@venus/model";
import { toBase64, type ChatUser } from "./chat-flow.js";
import { ChatSocket, NoAnswer, type Reply } from "./chat-socket.js";

/** Before the kill; pushed on reconnect after the restart (before any retry); live after that. */
export type Phase = "before" | "sync" | "after";

export interface Attempt {
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
export class Peer {
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

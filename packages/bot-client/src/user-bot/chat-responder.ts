import { randomUUID } from "node:crypto";
import type { DeliveredReceipt, MessageEnvelope, SeenReceipt } from "@venus/model";
import { isVenusApiError } from "../venus-api-error.js";
import type { VenusClient } from "../venus-client.js";
import type { BotKeyPair, PeerKeys } from "./chat-keys.js";

/** Messages remembered as handled (by sender and uuid), so one delivered twice is answered once. */
const REMEMBERED_MESSAGES = 10_000;
/** Most message acknowledgements in one call (the server's limit). */
const ACK_BATCH = 1000;
/** Pending-message pages fetched at start (each acknowledged before the next). */
const MAX_PENDING_PAGES = 20;

/**
 * Runs one action of a kind: skipped while that kind waits out a `Retry-After`; a failure is
 * reported and does not stop the others. Resolves with whether the action ran and succeeded.
 */
export type Act = (kind: string, action: () => Promise<unknown>) => Promise<boolean>;

/**
 * The bot's side of the message lifecycle (docs/protocol.md): acknowledges each received message,
 * answers it with the configured reply — encrypted to the sender's current public key and signed
 * with the bot's own — marks the conversation seen up to it, and acknowledges its own send answers,
 * `delivered` receipts and `seen` receipts.
 */
export class ChatResponder {
  private readonly handled = new Set<string>();

  constructor(
    private readonly client: VenusClient,
    private readonly ownKey: BotKeyPair,
    private readonly peers: PeerKeys,
    private readonly reply: string,
    private readonly act: Act,
  ) {}

  /** What waited while the bot was away: pending messages (page by page) and unacknowledged receipts. */
  async catchUp(): Promise<void> {
    await this.act("pending", async () => {
      for (let page = 0; page < MAX_PENDING_PAGES; page++) {
        const pending = await this.client.chat.pending();
        await this.answer(pending.messages);
        if (!pending.more) break;
      }
    });
    await this.act("receipts", async () => {
      const receipts = await this.client.chat.receipts();
      await this.acknowledgeDelivered(receipts.delivered);
      for (const seen of receipts.seen) await this.acknowledgeSeen(seen);
    });
  }

  /**
   * Acknowledges the new envelopes at once, then answers each and marks each conversation seen. An
   * envelope whose acknowledgement failed is left alone: the server delivers it again.
   */
  async answer(envelopes: readonly MessageEnvelope[]): Promise<void> {
    const fresh = new Map<string, MessageEnvelope>();
    for (const envelope of envelopes)
      if (!this.handled.has(keyOf(envelope))) fresh.set(keyOf(envelope), envelope);
    const acknowledged: MessageEnvelope[] = [];
    const all = [...fresh.values()];
    for (let at = 0; at < all.length; at += ACK_BATCH) {
      const batch = all.slice(at, at + ACK_BATCH);
      if (await this.act("ack", () => this.client.chat.ackEnvelopes(batch))) acknowledged.push(...batch);
    }
    acknowledged.forEach((envelope) => this.remember(envelope));
    const latest = new Map<string, number>();
    for (const envelope of acknowledged) {
      await this.act("reply", () => this.send(envelope.sender));
      latest.set(envelope.sender, Math.max(envelope.number, latest.get(envelope.sender) ?? 0));
    }
    for (const [sender, number] of latest)
      await this.act("seen", () => this.client.chat.seen({ account_id: sender, number }));
  }

  /** `chat.sent.ack` for delivered receipts (the send answers were acknowledged when they came). */
  async acknowledgeDelivered(receipts: readonly DeliveredReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    await this.act("sent_ack", () => this.client.chat.sentAck(receipts.map((receipt) => receipt.uuid)));
  }

  /** `chat.seen.ack` for a read receipt. */
  async acknowledgeSeen(receipt: SeenReceipt): Promise<void> {
    await this.act("seen_ack", () => this.client.chat.seenAck(receipt));
  }

  /**
   * Sends the reply to `recipient` and acknowledges the send answer. On `409 public_key_outdated`
   * fetches the recipient's key again and tries once more with the same UUID. (Public for bots that
   * start a conversation, as the load bots do.)
   */
  async send(recipient: string): Promise<void> {
    const uuid = randomUUID();
    for (let tries = 1; ; tries++) {
      const peer = await this.peers.current(recipient);
      try {
        await this.client.chat.send({
          recipient,
          uuid,
          sender_key_id: this.ownKey.keyId,
          recipient_key_id: peer.keyId,
          body: await this.ownKey.encryptFor(peer.key, this.reply),
        });
        break;
      } catch (error) {
        if (tries >= 2 || !isVenusApiError(error, "public_key_outdated")) throw error;
        this.peers.forget(recipient);
      }
    }
    await this.client.chat.sentAck([uuid]);
  }

  /** Remembers an acknowledged envelope (the oldest are forgotten beyond REMEMBERED_MESSAGES). */
  private remember(envelope: MessageEnvelope): void {
    this.handled.add(keyOf(envelope));
    if (this.handled.size > REMEMBERED_MESSAGES) {
      const oldest = this.handled.values().next().value;
      if (oldest !== undefined) this.handled.delete(oldest);
    }
  }
}

const keyOf = (envelope: MessageEnvelope) => `${envelope.sender}/${envelope.uuid}`;

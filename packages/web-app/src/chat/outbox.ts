import type { DeliveredReceipt } from "@venus/model";
import { isApiFailure, type ChatApi } from "./chat-api.js";
import type { ChatStore, StoredMessage } from "./chat-store.js";
import { republish, type OwnKeyPair, type PeerKeys } from "./keys.js";
import { encryptText } from "./message-crypto.js";

/** Sends after a key change (ours or the match's) before the message is left for a later flush. */
const KEY_RETRIES = 3;

/**
 * Messages written on this device go to IndexedDB first, as `queued` with a random UUID, and are
 * sent from there: at once when connected, otherwise by the next `flush` after a reconnect. The
 * UUID makes a resend harmless (the server answers the first send's result), and a message leaves
 * the outbox only when the server's answer or its `delivered` receipt is stored, so each message
 * is stored by the server once.
 */
export class Outbox {
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: ChatStore,
    private readonly api: ChatApi,
    private readonly peers: PeerKeys,
    private own: OwnKeyPair,
    private readonly changed: (peer: string) => void,
  ) {}

  async write(peer: string, text: string): Promise<StoredMessage> {
    const message: StoredMessage = {
      peer,
      uuid: crypto.randomUUID(),
      direction: "out",
      text,
      createdAt: Date.now(),
      state: "queued",
    };
    await this.store.saveMessage(message);
    this.changed(peer);
    return message;
  }

  /** Sends every queued message in order; one flush runs at a time. Stops at the first network failure. */
  flush(): Promise<void> {
    this.flushing ??= this.sendQueued().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async sendQueued(): Promise<void> {
    for (const message of await this.store.queued()) {
      const current = await this.store.message(message.peer, message.uuid);
      if (current?.state !== "queued") continue; // a receipt said it was stored meanwhile
      if (!(await this.sendOne(current))) return;
    }
  }

  /** False when sending must wait (no connection, or a limit that lifts later). */
  private async sendOne(message: StoredMessage): Promise<boolean> {
    for (let attempt = 0; attempt <= KEY_RETRIES; attempt++) {
      try {
        const recipient = await this.peers.current(message.peer);
        const answer = await this.api.send({
          recipient: message.peer,
          uuid: message.uuid,
          sender_key_id: this.own.keyId,
          recipient_key_id: recipient.keyId,
          body: await encryptText(message.text, recipient.key, this.own.privateKey),
        });
        await this.store.update(message.peer, message.uuid, (stored) => ({
          ...stored,
          state: stored.state === "queued" ? "sent" : stored.state,
          number: answer.number,
          sentAt: answer.sent_at,
        }));
        this.changed(message.peer);
        await this.api.sentAck([message.uuid]).catch(() => undefined); // owed again with the receipt
        return true;
      } catch (error) {
        if (isApiFailure(error, "public_key_outdated")) {
          if (error.details?.field === "sender_key_id") this.own = await republish(this.store, this.api);
          else this.peers.outdated(message.peer);
          continue;
        }
        // No answer (status 0: offline), a limit that lifts later, or the server's trouble: wait.
        if (!isApiFailure(error) || error.status === 0 || error.status === 429 || error.status >= 500)
          return false;
        await this.store.saveMessage({ ...message, state: "failed", error: error.code });
        this.changed(message.peer);
        return true;
      }
    }
    return false;
  }

  /**
   * `delivered` receipts: the match's device has the message. A receipt for a message whose send
   * answer was lost counts as that answer (the server stored it): it is not sent again.
   */
  async delivered(receipts: DeliveredReceipt[]): Promise<void> {
    const acknowledged: string[] = [];
    for (const receipt of receipts) {
      const stored = await this.store.update(receipt.recipient, receipt.uuid, (message) =>
        message.direction === "out" ? { ...message, state: "delivered", number: receipt.number } : undefined,
      );
      if (stored) this.changed(receipt.recipient);
      acknowledged.push(receipt.uuid);
    }
    if (acknowledged.length > 0) await this.api.sentAck(acknowledged);
  }
}

import type { MessageEnvelope } from "@venus/model";
import type { ChatApi } from "./chat-api.js";
import type { ChatStore } from "./chat-store.js";
import type { PrivateKey } from "openpgp";
import type { PeerKeys } from "./keys.js";
import { decryptBody } from "./message-crypto.js";

/**
 * Incoming `new_message` envelopes: decrypted, stored in IndexedDB, then acknowledged (the server
 * deletes the body then). The same envelope may come again after a reconnect; it is stored once
 * by `(sender, uuid)` and acknowledged again.
 */
export class Inbox {
  constructor(
    private readonly store: ChatStore,
    private readonly api: ChatApi,
    private readonly peers: PeerKeys,
    private readonly privateKey: PrivateKey,
    private readonly changed: (peer: string) => void,
  ) {}

  async receive(envelopes: MessageEnvelope[]): Promise<void> {
    for (const envelope of envelopes) {
      if (!(await this.store.message(envelope.sender, envelope.uuid))) await this.keep(envelope);
    }
    if (envelopes.length > 0) await this.api.ack(envelopes.map(({ sender, uuid }) => ({ sender, uuid })));
  }

  private async keep(envelope: MessageEnvelope): Promise<void> {
    const base = {
      peer: envelope.sender,
      uuid: envelope.uuid,
      direction: "in" as const,
      createdAt: Date.now(),
      state: "received" as const,
      number: envelope.number,
      sentAt: envelope.sent_at,
      envelope,
    };
    // Without the sender's key (no connection) nothing is stored or acknowledged: it comes again.
    const sender = await this.peers.byId(envelope.sender, envelope.sender_key_id);
    try {
      const { text, verified } = await decryptBody(envelope.body, this.privateKey, sender.key);
      await this.store.saveMessage({ ...base, text, verified });
    } catch {
      // Encrypted to a key made on another device (or damaged): kept, shown as unreadable.
      await this.store.saveMessage({ ...base, text: "", unreadable: true });
    }
    this.changed(envelope.sender);
  }
}

import type { Message } from "./chat-entities.js";
import { getOrCreate } from "./get-or-create.js";
import { awaitsSender } from "./message-lifecycle.js";

const direction = (sender: string, recipient: string) => `${sender}>${recipient}`;

/**
 * Stored messages, indexed the ways the lifecycle needs them: by sender and UUID (idempotent sends,
 * the sender's acknowledgements), undelivered by recipient in arrival order, and the counts the
 * send limits check.
 */
export class MessageStore {
  private readonly bySender = new Map<string, Map<string, Message>>();
  private readonly inbox = new Map<string, Map<Message, true>>();
  /** sender>recipient → messages the recipient has not acknowledged, sends being stored included. */
  private readonly unacknowledged = new Map<string, number>();
  /** sender → delivered messages the sender has not finished with. */
  private readonly awaitingSender = new Map<string, number>();

  get(sender: string, uuid: string): Message | undefined {
    return this.bySender.get(sender)?.get(uuid);
  }

  /** Adds a stored message; an undelivered one goes into the recipient's inbox. */
  add(message: Message): void {
    getOrCreate(this.bySender, message.sender, () => new Map<string, Message>()).set(message.uuid, message);
    if (message.deliveredAt === null) {
      getOrCreate(this.inbox, message.recipient, () => new Map<Message, true>()).set(message, true);
      this.bump(this.unacknowledged, direction(message.sender, message.recipient), 1);
    } else if (awaitsSender(message)) {
      this.bump(this.awaitingSender, message.sender, 1);
    }
  }

  /** Counts a send that is being stored against its conversation's limit. */
  reserve(sender: string, recipient: string): void {
    this.bump(this.unacknowledged, direction(sender, recipient), 1);
  }

  /** A reserved send that failed to store. */
  release(sender: string, recipient: string): void {
    this.bump(this.unacknowledged, direction(sender, recipient), -1);
  }

  /** The stored send of `reserve`: it is in the store now and counted already. */
  addReserved(message: Message): void {
    this.bump(this.unacknowledged, direction(message.sender, message.recipient), -1);
    this.add(message);
  }

  unacknowledgedCount(sender: string, recipient: string): number {
    return this.unacknowledged.get(direction(sender, recipient)) ?? 0;
  }

  awaitingSenderCount(sender: string): number {
    return this.awaitingSender.get(sender) ?? 0;
  }

  /** The recipient's undelivered messages, oldest first in each conversation. */
  inboxOf(recipient: string): IterableIterator<Message> {
    return (this.inbox.get(recipient) ?? new Map<Message, true>()).keys();
  }

  sentBy(sender: string): IterableIterator<Message> {
    return (this.bySender.get(sender) ?? new Map<string, Message>()).values();
  }

  /** Call after `recipientAcknowledges` changed the message. */
  delivered(message: Message): void {
    const inbox = this.inbox.get(message.recipient);
    inbox?.delete(message);
    if (inbox?.size === 0) this.inbox.delete(message.recipient);
    this.bump(this.unacknowledged, direction(message.sender, message.recipient), -1);
    if (awaitsSender(message)) this.bump(this.awaitingSender, message.sender, 1);
    else this.drop(message);
  }

  /** Call when the sender's acknowledgement finished a message. */
  finished(message: Message, wasAwaitingSender: boolean): void {
    if (wasAwaitingSender) this.bump(this.awaitingSender, message.sender, -1);
    this.drop(message);
  }

  private drop(message: Message): void {
    const sent = this.bySender.get(message.sender);
    sent?.delete(message.uuid);
    if (sent?.size === 0) this.bySender.delete(message.sender);
  }

  private bump(counts: Map<string, number>, key: string, by: number): void {
    const value = (counts.get(key) ?? 0) + by;
    if (value === 0) counts.delete(key);
    else counts.set(key, value);
  }
}

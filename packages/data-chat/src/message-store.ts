import type { Message } from "./chat-entities.js";
import { getOrCreate } from "./get-or-create.js";
import { awaitsSender, type AckOutcome } from "./message-lifecycle.js";

const direction = (sender: string, recipient: string) => `${sender}>${recipient}`;

/**
 * Stored messages, indexed the ways the lifecycle needs them: by sender and UUID (idempotent sends,
 * the sender's acknowledgements), undelivered by recipient in arrival order, and the counts the
 * send limits check. Sends being stored count against the limits already.
 */
export class MessageStore {
  private readonly bySender = new Map<string, Map<string, Message>>();
  private readonly inbox = new Map<string, Map<Message, true>>();
  /** sender>recipient → messages the recipient has not acknowledged. */
  private readonly unacknowledged = new Map<string, number>();
  /** sender → messages that wait for the sender's acknowledgement (see `awaitsSender`). */
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
    }
    if (awaitsSender(message)) this.bump(this.awaitingSender, message.sender, 1);
  }

  /** Counts a send that is being stored against the limits. */
  reserve(sender: string, recipient: string): void {
    this.bump(this.unacknowledged, direction(sender, recipient), 1);
    this.bump(this.awaitingSender, sender, 1);
  }

  /** A reserved send that failed to store. */
  release(sender: string, recipient: string): void {
    this.bump(this.unacknowledged, direction(sender, recipient), -1);
    this.bump(this.awaitingSender, sender, -1);
  }

  /** The stored send of `reserve`: it is in the store now and counted already. */
  addReserved(message: Message): void {
    this.release(message.sender, message.recipient);
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

  /** Applies one lifecycle step (message-lifecycle.ts) to a stored message, keeping indexes and counts in step. */
  apply(message: Message, step: (message: Message) => AckOutcome): AckOutcome {
    const wasUndelivered = message.deliveredAt === null;
    const wasAwaiting = awaitsSender(message);
    const outcome = step(message);
    if (outcome === "unchanged") return outcome;
    if (wasUndelivered && message.deliveredAt !== null) {
      const inbox = this.inbox.get(message.recipient);
      inbox?.delete(message);
      if (inbox?.size === 0) this.inbox.delete(message.recipient);
      this.bump(this.unacknowledged, direction(message.sender, message.recipient), -1);
    }
    const isAwaiting = outcome !== "finished" && awaitsSender(message);
    if (isAwaiting !== wasAwaiting) this.bump(this.awaitingSender, message.sender, isAwaiting ? 1 : -1);
    if (outcome === "finished") {
      const sent = this.bySender.get(message.sender);
      sent?.delete(message.uuid);
      if (sent?.size === 0) this.bySender.delete(message.sender);
    }
    return outcome;
  }

  /**
   * Account deletion: every message the account sent, and every one `senders` (its matches: the only
   * accounts that can message it) sent it, leaves the store with its counts.
   */
  removeAccount(accountId: string, senders: Iterable<string>): void {
    const doomed = [...this.sentBy(accountId)];
    for (const sender of senders)
      for (const message of this.sentBy(sender)) if (message.recipient === accountId) doomed.push(message);
    for (const message of doomed) {
      if (message.deliveredAt === null) {
        this.inbox.get(message.recipient)?.delete(message);
        this.bump(this.unacknowledged, direction(message.sender, message.recipient), -1);
      }
      if (awaitsSender(message)) this.bump(this.awaitingSender, message.sender, -1);
      this.bySender.get(message.sender)?.delete(message.uuid);
    }
    for (const id of new Set(doomed.flatMap((message) => [message.sender, message.recipient]))) {
      if (this.bySender.get(id)?.size === 0) this.bySender.delete(id);
      if (this.inbox.get(id)?.size === 0) this.inbox.delete(id);
    }
    this.inbox.delete(accountId);
    this.bySender.delete(accountId);
    this.awaitingSender.delete(accountId);
  }

  private bump(counts: Map<string, number>, key: string, by: number): void {
    const value = (counts.get(key) ?? 0) + by;
    if (value === 0) counts.delete(key);
    else counts.set(key, value);
  }
}

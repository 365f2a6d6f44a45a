import type { ChatStatements } from "@venus/database";
import type { GroupCommitWriter } from "@venus/data-common";
import type { Message } from "./chat-entities.js";

/** A message an acknowledgement changed; `finished`: both sides are done and the row goes. */
export interface AckChange {
  message: Message;
  finished: boolean;
}

/**
 * Writes acknowledged messages, many acknowledgements in one write operation: every one made
 * before that operation runs (at the writer's next commit) joins it and is answered with it. The
 * write is commit-only: a power cut may undo it, which only delivers a message or a receipt again
 * (docs/protocol.md, "What a crash can cause").
 */
export class AckWrites {
  /** Changes that wait for the queued operation, which takes them all when it runs. */
  private waiting: AckChange[] | undefined;
  private written: Promise<void> = Promise.resolve();

  constructor(
    private readonly writer: GroupCommitWriter,
    private readonly statements: ChatStatements,
  ) {}

  /** Resolves once the changes have committed. */
  persist(changes: readonly AckChange[]): Promise<void> {
    if (this.waiting) {
      this.waiting.push(...changes);
      return this.written;
    }
    const batch = (this.waiting = [...changes]);
    this.written = this.writer.write(() => {
      this.waiting = undefined;
      for (const change of batch) this.writeOne(change);
    }, COMMIT_ONLY);
    // A closed writer, or a batch that failed before the operation ran: the next ones start afresh.
    this.written.catch(() => {
      if (this.waiting === batch) this.waiting = undefined;
    });
    return this.written;
  }

  private writeOne({ message, finished }: AckChange): void {
    if (finished) this.statements.deleteMessage(message.sender, message.uuid);
    else if (message.deliveredAt !== null)
      this.statements.markDelivered(
        message.sender,
        message.uuid,
        message.deliveredAt,
        message.receiptPending,
      );
    else this.statements.setSenderAcked(message.sender, message.uuid, message.receiptPending);
  }
}

const COMMIT_ONLY = { durable: false };

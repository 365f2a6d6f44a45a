import { PushCauseStatements } from "@venus/database";
import type { PushKind } from "@venus/model";
import type { GroupCommitWriter } from "./group-commit-writer.js";

/**
 * A component's half of the push outbox: inside the write that causes a push (a message, a like),
 * `record` adds it to that database's `push_outbox`, so both commit or neither. The push component
 * says which accounts want a row at all (`wants`: some device with a push target and no live
 * WebSocket) and is told after each batch that recorded something.
 */
export class PushCauses {
  readonly statements: PushCauseStatements;
  private wants: (accountId: string, kind: PushKind) => boolean = () => false;
  private listener: (() => void) | undefined;
  private told = false;

  constructor(
    /** The component's writer: its database holds the rows. */
    readonly writer: GroupCommitWriter,
    private readonly now: () => number,
  ) {
    this.statements = new PushCauseStatements(writer.db);
  }

  /** The push component attaches once at start-up; until then nothing is recorded. */
  attach(wants: (accountId: string, kind: PushKind) => boolean, onRecorded: () => void): void {
    this.wants = wants;
    this.listener = onRecorded;
  }

  /** Inside a writer operation of this database; `sender` is the account that caused it, if one did. */
  record(accountId: string, kind: PushKind, sender?: string): void {
    if (!this.wants(accountId, kind)) return;
    this.statements.record(accountId, kind, this.now(), sender ?? null);
    if (this.told) return;
    this.told = true;
    // The batch commits synchronously around this operation: the listener runs after the commit.
    setImmediate(() => {
      this.told = false;
      this.listener?.();
    });
  }
}

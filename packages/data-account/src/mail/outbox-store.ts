import type { AccountStatements } from "@venus/database";
import type { GroupCommitWriter } from "@venus/data-common";
import type { MailOutboxStore, QueuedMail } from "@venus/simple-backend";

/** The mail outbox over account.sqlite: reads straight from the table, writes through the writer. */
export function sqliteOutboxStore(statements: AccountStatements, writer: GroupCommitWriter): MailOutboxStore {
  const { outbox } = statements;
  return {
    due: (now, limit): QueuedMail[] =>
      outbox.due(now, limit).map((row) => ({
        id: row.id,
        queuedAt: row.queued_at,
        attempts: row.attempts,
        to: row.to_address,
        subject: row.subject,
        text: row.text,
      })),
    nextDueAt: () => outbox.nextDueAt(),
    remove: (id) => writer.write(() => outbox.delete(id)),
    reschedule: (id, attempts, nextAttemptAt, error) =>
      writer.write(() => outbox.reschedule(id, attempts, nextAttemptAt, error)),
  };
}

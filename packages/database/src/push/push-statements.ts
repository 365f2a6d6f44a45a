import type { Database, Statement } from "better-sqlite3";
import type { NewDeliveryRow, NotificationSettingsRow, PushDeliveryRow, PushTargetRow } from "./push-rows.js";

/** push.sqlite: targets and settings (loaded at start-up), and deliveries (read by the sender). */
export class PushStatements {
  private readonly s: {
    saveTarget: Statement<[PushTargetRow]>;
    deleteTarget: Statement<[string]>;
    allTargets: Statement<[], PushTargetRow>;
    saveSettings: Statement<[NotificationSettingsRow]>;
    allSettings: Statement<[], NotificationSettingsRow>;
    forgetSettings: Statement<[string]>;
    queue: Statement<[NewDeliveryRow]>;
    due: Statement<[number, string, number], PushDeliveryRow>;
    nextDue: Statement<[string], { at: number | null }>;
    count: Statement<[string], { count: number }>;
    deleteDelivery: Statement<[number]>;
    deleteForSession: Statement<[string]>;
    reschedule: Statement<[number, number, string, number]>;
  };

  constructor(db: Database) {
    this.s = {
      saveTarget: db.prepare(
        `INSERT OR REPLACE INTO push_targets (session_id, account_id, provider, target, registered_at)
         VALUES (@session_id, @account_id, @provider, @target, @registered_at)`,
      ),
      deleteTarget: db.prepare("DELETE FROM push_targets WHERE session_id = ?"),
      allTargets: db.prepare("SELECT * FROM push_targets"),
      saveSettings: db.prepare(
        `INSERT OR REPLACE INTO notification_settings (account_id, settings, reminded_at, unsubscribe_token)
         VALUES (@account_id, @settings, @reminded_at, @unsubscribe_token)`,
      ),
      allSettings: db.prepare("SELECT * FROM notification_settings"),
      forgetSettings: db.prepare("DELETE FROM notification_settings WHERE account_id = ?"),
      queue: db.prepare(
        `INSERT INTO push_deliveries (session_id, account_id, provider, kind, count, queued_at, attempts, next_attempt_at, sender)
         VALUES (@session_id, @account_id, @provider, @kind, @count, @queued_at, 0, @queued_at, @sender)
         ON CONFLICT (session_id, kind) DO UPDATE SET count = count + excluded.count, queued_at = excluded.queued_at,
           sender = coalesce(excluded.sender, sender)`,
      ),
      due: db.prepare(
        `SELECT * FROM push_deliveries WHERE next_attempt_at <= ? AND provider = ?
         ORDER BY next_attempt_at, id LIMIT ?`,
      ),
      nextDue: db.prepare("SELECT MIN(next_attempt_at) AS at FROM push_deliveries WHERE provider = ?"),
      count: db.prepare("SELECT COUNT(*) AS count FROM push_deliveries WHERE provider = ?"),
      deleteDelivery: db.prepare("DELETE FROM push_deliveries WHERE id = ?"),
      deleteForSession: db.prepare("DELETE FROM push_deliveries WHERE session_id = ?"),
      reschedule: db.prepare(
        "UPDATE push_deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
      ),
    };
  }

  saveTarget(row: PushTargetRow): void {
    this.s.saveTarget.run(row);
  }

  /** The session's target and whatever waits for it. */
  deleteTarget(sessionId: string): void {
    this.s.deleteTarget.run(sessionId);
    this.s.deleteForSession.run(sessionId);
  }

  allTargets(): PushTargetRow[] {
    return this.s.allTargets.all();
  }

  saveSettings(row: NotificationSettingsRow): void {
    this.s.saveSettings.run(row);
  }

  allSettings(): NotificationSettingsRow[] {
    return this.s.allSettings.all();
  }

  forgetSettings(accountId: string): void {
    this.s.forgetSettings.run(accountId);
  }

  queue(row: NewDeliveryRow): void {
    this.s.queue.run(row);
  }

  due(provider: string, now: number, limit: number): PushDeliveryRow[] {
    return this.s.due.all(now, provider, limit);
  }

  nextDueAt(provider: string): number | undefined {
    return this.s.nextDue.get(provider)?.at ?? undefined;
  }

  queued(provider: string): number {
    return this.s.count.get(provider)?.count ?? 0;
  }

  deleteDelivery(id: number): void {
    this.s.deleteDelivery.run(id);
  }

  deleteDeliveriesFor(sessionId: string): void {
    this.s.deleteForSession.run(sessionId);
  }

  reschedule(id: number, attempts: number, nextAttemptAt: number, error: string): void {
    this.s.reschedule.run(attempts, nextAttemptAt, error, id);
  }
}

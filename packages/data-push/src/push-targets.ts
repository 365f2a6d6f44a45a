import type { PushTargetRow } from "@venus/database";
import type { PushProvider, PushTarget } from "@venus/model";

export interface RegisteredTarget {
  sessionId: string;
  accountId: string;
  target: PushTarget;
  registeredAt: number;
}

/** Every device's push target in memory (push.sqlite holds them): one per session. */
export class PushTargets {
  private readonly bySession = new Map<string, RegisteredTarget>();
  private readonly byAccount = new Map<string, Set<string>>();

  static load(rows: PushTargetRow[]): PushTargets {
    const targets = new PushTargets();
    for (const row of rows)
      targets.set({
        sessionId: row.session_id,
        accountId: row.account_id,
        target: JSON.parse(row.target) as PushTarget,
        registeredAt: row.registered_at,
      });
    return targets;
  }

  set(registered: RegisteredTarget): void {
    this.delete(registered.sessionId);
    this.bySession.set(registered.sessionId, registered);
    let sessions = this.byAccount.get(registered.accountId);
    if (!sessions) this.byAccount.set(registered.accountId, (sessions = new Set()));
    sessions.add(registered.sessionId);
  }

  delete(sessionId: string): RegisteredTarget | undefined {
    const old = this.bySession.get(sessionId);
    if (!old) return undefined;
    this.bySession.delete(sessionId);
    const sessions = this.byAccount.get(old.accountId);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.byAccount.delete(old.accountId);
    return old;
  }

  forSession(sessionId: string): RegisteredTarget | undefined {
    return this.bySession.get(sessionId);
  }

  forAccount(accountId: string): RegisteredTarget[] {
    return [...(this.byAccount.get(accountId) ?? [])].map((id) => this.bySession.get(id) as RegisteredTarget);
  }

  hasAny(accountId: string): boolean {
    return this.byAccount.has(accountId);
  }

  all(): IterableIterator<RegisteredTarget> {
    return this.bySession.values();
  }

  static row(registered: RegisteredTarget): PushTargetRow {
    return {
      session_id: registered.sessionId,
      account_id: registered.accountId,
      provider: registered.target.provider satisfies PushProvider,
      target: JSON.stringify(registered.target),
      registered_at: registered.registeredAt,
    };
  }
}

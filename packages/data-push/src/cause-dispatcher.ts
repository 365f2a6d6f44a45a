import type { PushCauseRow } from "@venus/database";
import type { PushCauses } from "@venus/data-common";
import type { NewDeliveryRow } from "@venus/database";
import type { PushProvider } from "@venus/model";
import { decideCause } from "./cause-decision.js";
import type { PushContext } from "./context.js";
import { notificationSettingsOf } from "./operations/notification-settings.js";

const BATCH = 5000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Turns the components' waiting push causes into deliveries, one per device with a push target and
 * no live WebSocket that has not been used since the event. The deliveries commit in push.sqlite
 * before the cause rows are removed: a crash in between repeats a push, never loses one.
 */
export class CauseDispatcher {
  /** When each account last got a push of each kind (`account kind`), for coalescing. */
  private readonly lastPushed = new Map<string, number>();
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(private readonly ctx: PushContext) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.run()
      .catch((error: unknown) => {
        this.ctx.log.error({ err: error }, "push dispatch failed");
        return this.ctx.now() + this.ctx.config.push.retry_base_seconds * 1000;
      })
      .then((nextAt) => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        } else if (nextAt !== undefined && !this.stopped) {
          this.timer = setTimeout(
            () => this.wake(),
            Math.min(Math.max(0, nextAt - this.ctx.now()), MAX_TIMER_MS),
          );
          this.timer.unref();
        }
      });
  }

  /** One pass over every source; returns when a waiting row is next due. */
  private async run(): Promise<number | undefined> {
    let nextAt: number | undefined;
    for (const causes of this.ctx.sources.causes) {
      const rows = causes.statements.oldestFirst(BATCH);
      let handled = 0;
      for (const row of rows) {
        const at = await this.dispatch(causes, row);
        if (at === undefined) handled++;
        else nextAt = Math.min(nextAt ?? at, at);
      }
      if (rows.length === BATCH && handled > 0) this.again = true;
    }
    this.forgetOld();
    return nextAt;
  }

  /** Undefined when the row is done with; else when to look again. */
  private async dispatch(causes: PushCauses, row: PushCauseRow): Promise<number | undefined> {
    const { ctx } = this;
    const now = ctx.now();
    const key = `${row.account_id} ${row.kind}`;
    const decision = decideCause(
      row,
      notificationSettingsOf(ctx, row.account_id),
      this.lastPushed.get(key),
      ctx.config.push.coalesce_seconds * 1000,
      now,
    );
    if (decision.action === "wait") return decision.at;
    const deliveries = decision.action === "push" ? this.deliveriesFor(row, now) : [];
    if (deliveries.length > 0) {
      await ctx.writer.write(() => {
        for (const delivery of deliveries) ctx.statements.queue(delivery);
      });
      this.lastPushed.set(key, now);
      for (const provider of new Set(deliveries.map((d) => d.provider as PushProvider)))
        ctx.wakeSender(provider);
    }
    await causes.writer.write(() => causes.statements.handled(row));
    return undefined;
  }

  private deliveriesFor(row: PushCauseRow, now: number): NewDeliveryRow[] {
    const { ctx } = this;
    const deliveries: NewDeliveryRow[] = [];
    for (const { sessionId, target } of ctx.targets.forAccount(row.account_id)) {
      const session = ctx.sources.session(sessionId);
      // Ended sessions lose their target when the sender meets them; a device in use saw the event.
      if (!session || ctx.sources.isLive(sessionId) || session.lastUsedAt >= row.last_at) continue;
      const queued = ctx.queued.get(target.provider) ?? 0;
      if (queued >= ctx.config.push.max_queued_per_provider) {
        ctx.metrics.dropped.inc({ provider: target.provider, reason: "queue_full" });
        continue;
      }
      ctx.queued.set(target.provider, queued + 1);
      deliveries.push({
        session_id: sessionId,
        account_id: row.account_id,
        provider: target.provider,
        kind: row.kind,
        count: row.count,
        queued_at: now,
      });
    }
    return deliveries;
  }

  private forgetOld(): void {
    const before = this.ctx.now() - this.ctx.config.push.coalesce_seconds * 1000;
    for (const [key, at] of this.lastPushed) if (at < before) this.lastPushed.delete(key);
  }
}

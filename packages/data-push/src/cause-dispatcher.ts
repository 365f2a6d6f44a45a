import type { PushCauseRow } from "@venus/database";
import type { NewDeliveryRow } from "@venus/database";
import type { PushProvider } from "@venus/model";
import { decideCause } from "./cause-decision.js";
import type { PushContext } from "./context.js";
import { notificationSettingsOf } from "./operations/notification-settings.js";

const BATCH = 500;
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

  /** One pass over every source, one commit per database; returns when a waiting row is next due. */
  private async run(): Promise<number | undefined> {
    let nextAt: number | undefined;
    for (const causes of this.ctx.sources.causes) {
      const rows = causes.statements.oldestFirst(BATCH);
      const { handled, deliveries, waitUntil } = this.decide(rows);
      if (waitUntil !== undefined) nextAt = Math.min(nextAt ?? waitUntil, waitUntil);
      await this.queue(deliveries);
      if (handled.length > 0)
        await causes.writer.write(() => {
          for (const row of handled) causes.statements.handled(row);
        });
      if (rows.length === BATCH && handled.length > 0) this.again = true;
    }
    this.forgetOld();
    return nextAt;
  }

  /** Which rows are done with (pushed or dropped), their deliveries, and when the others are due. */
  private decide(rows: PushCauseRow[]): {
    handled: PushCauseRow[];
    deliveries: NewDeliveryRow[];
    waitUntil: number | undefined;
  } {
    const { ctx } = this;
    const now = ctx.now();
    const handled: PushCauseRow[] = [];
    const deliveries: NewDeliveryRow[] = [];
    let waitUntil: number | undefined;
    for (const row of rows) {
      const key = `${row.account_id} ${row.kind}`;
      const decision = decideCause(
        row,
        notificationSettingsOf(ctx, row.account_id),
        this.lastPushed.get(key),
        ctx.config.push.coalesce_seconds * 1000,
        now,
      );
      if (decision.action === "wait") {
        waitUntil = Math.min(waitUntil ?? decision.at, decision.at);
        continue;
      }
      handled.push(row);
      if (decision.action === "drop") continue;
      const forRow = this.deliveriesFor(row, now);
      if (forRow.length > 0) this.lastPushed.set(key, now);
      deliveries.push(...forRow);
    }
    return { handled, deliveries, waitUntil };
  }

  /** Commits the deliveries in push.sqlite (before their causes are removed), then wakes the senders. */
  private async queue(deliveries: NewDeliveryRow[]): Promise<void> {
    if (deliveries.length === 0) return;
    const { ctx } = this;
    await ctx.writer.write(() => {
      for (const delivery of deliveries) ctx.statements.queue(delivery);
    });
    for (const provider of new Set(deliveries.map((d) => d.provider as PushProvider)))
      ctx.wakeSender(provider);
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
        sender: row.sender,
      });
    }
    return deliveries;
  }

  private forgetOld(): void {
    const before = this.ctx.now() - this.ctx.config.push.coalesce_seconds * 1000;
    for (const [key, at] of this.lastPushed) if (at < before) this.lastPushed.delete(key);
  }
}

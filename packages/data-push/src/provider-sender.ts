import type { PushDeliveryRow } from "@venus/database";
import type { PushKind } from "@venus/model";
import { restartDelay } from "@venus/simple-backend";
import type { PushContext } from "./context.js";
import { removePushTarget } from "./operations/push-target.js";
import type { PushPayload, PushProviderClient, PushResult } from "./providers/push-provider.js";

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends one provider's due deliveries from push.sqlite, `push.concurrency_per_provider` at a time.
 * Before each send it checks again that the device still wants it: its session lives, it has not
 * connected since, the push is not older than `push.expire_minutes`. Then: sent → removed; retry →
 * back-off (or Retry-After); dead → the target removed; rejected → dropped.
 */
export class ProviderSender {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    private readonly ctx: PushContext,
    private readonly client: PushProviderClient,
  ) {
    ctx.queued.set(client.name, ctx.statements.queued(client.name));
    this.gauge();
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.client.close();
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .catch((error: unknown) =>
        this.ctx.log.error({ err: error, provider: this.client.name }, "push sender failed"),
      )
      .then(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        } else if (!this.stopped) this.sleep();
      });
  }

  private async drain(): Promise<void> {
    const { ctx, client } = this;
    const limit = ctx.config.push.concurrency_per_provider * 4;
    let rows: PushDeliveryRow[];
    do {
      rows = ctx.statements.due(client.name, ctx.now(), limit);
      let next = 0;
      const worker = async () => {
        while (next < rows.length && !this.stopped) await this.attempt(rows[next++] as PushDeliveryRow);
      };
      await Promise.all(Array.from({ length: ctx.config.push.concurrency_per_provider }, worker));
      this.gauge();
    } while (rows.length === limit && !this.stopped);
  }

  private async attempt(row: PushDeliveryRow): Promise<void> {
    const { ctx, client } = this;
    const registered = ctx.targets.forSession(row.session_id);
    const session = ctx.sources.session(row.session_id);
    if (!session) return this.finish(row, "session_ended", () => removePushTarget(ctx, row.session_id));
    if (!registered || registered.target.provider !== client.name) return this.finish(row, "no_target");
    if (ctx.sources.isLive(row.session_id) || session.lastUsedAt >= row.queued_at)
      return this.finish(row, "seen");
    const expireMs = ctx.config.push.expire_minutes * 60_000;
    const age = ctx.now() - row.queued_at;
    if (age >= expireMs) return this.finish(row, "expired");
    const started = performance.now();
    const result = await client.send(
      registered.target,
      this.payload(row),
      Math.ceil((expireMs - age) / 1000),
    );
    ctx.metrics.latency.observe({ provider: client.name }, (performance.now() - started) / 1000);
    await this.settle(row, result);
  }

  /** Kind and count; with push.include_names, the name of the account behind the latest event. */
  private payload(row: PushDeliveryRow): PushPayload {
    const payload: PushPayload = { kind: row.kind as PushKind, count: row.count };
    const name =
      this.ctx.config.push.include_names && row.sender !== null
        ? this.ctx.sources.profileName(row.sender)
        : undefined;
    if (name !== undefined) payload.name = name;
    return payload;
  }

  private async settle(row: PushDeliveryRow, result: PushResult): Promise<void> {
    const { ctx, client } = this;
    const provider = client.name;
    switch (result.outcome) {
      case "sent":
        ctx.metrics.sent.inc({ provider });
        return this.finish(row);
      case "dead":
        ctx.metrics.failed.inc({ provider, reason: "dead_token" });
        ctx.metrics.tokensRemoved.inc({ provider });
        ctx.log.info({ provider, reason: result.reason }, "push target gone; removed");
        return this.finish(row, undefined, () => removePushTarget(ctx, row.session_id));
      case "rejected":
        ctx.metrics.failed.inc({ provider, reason: "rejected" });
        ctx.log.warn({ provider, reason: result.reason }, "push rejected");
        return this.finish(row, "rejected");
      case "retry": {
        ctx.metrics.failed.inc({ provider, reason: "retry" });
        const { retry_base_seconds: base, retry_max_seconds: max } = ctx.config.push;
        const waitMs = result.afterMs ?? restartDelay(row.attempts, base * 1000, max * 1000);
        await ctx.writer.write(() =>
          ctx.statements.reschedule(row.id, row.attempts + 1, ctx.now() + waitMs, result.reason),
        );
      }
    }
  }

  /** Removes the delivery (counted as dropped when `dropped` says why), then runs `also`. */
  private async finish(row: PushDeliveryRow, dropped?: string, also?: () => Promise<void>): Promise<void> {
    const { ctx } = this;
    if (dropped) ctx.metrics.dropped.inc({ provider: this.client.name, reason: dropped });
    await ctx.writer.write(() => ctx.statements.deleteDelivery(row.id));
    ctx.queued.set(this.client.name, Math.max(0, (ctx.queued.get(this.client.name) ?? 1) - 1));
    await also?.();
  }

  private gauge(): void {
    this.ctx.metrics.queued.set({ provider: this.client.name }, this.ctx.queued.get(this.client.name) ?? 0);
  }

  private sleep(): void {
    const at = this.ctx.statements.nextDueAt(this.client.name);
    if (at === undefined) return;
    this.timer = setTimeout(() => this.wake(), Math.min(Math.max(0, at - this.ctx.now()), MAX_TIMER_MS));
    this.timer.unref();
  }
}

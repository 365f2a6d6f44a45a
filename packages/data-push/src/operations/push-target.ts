import { VenusError, type PushTarget } from "@venus/model";
import type { PushContext } from "../context.js";
import { PushTargets } from "../push-targets.js";

/** Checks what the schema cannot: the provider is on here. */
function checkTarget(ctx: PushContext, target: PushTarget): void {
  if (!ctx.enabled.has(target.provider))
    throw new VenusError("push_provider_disabled", `this server does not send ${target.provider} pushes`);
}

/** The device's push target, replacing the one it had; answered after it commits. */
export async function setPushTarget(
  ctx: PushContext,
  accountId: string,
  sessionId: string,
  target: PushTarget,
): Promise<void> {
  checkTarget(ctx, target);
  const registered = { sessionId, accountId, target, registeredAt: ctx.now() };
  await ctx.writer.write(() => {
    ctx.statements.deleteTarget(sessionId);
    ctx.statements.saveTarget(PushTargets.row(registered));
  });
  ctx.targets.set(registered);
}

export function pushTargetOf(ctx: PushContext, sessionId: string): PushTarget | null {
  return ctx.targets.forSession(sessionId)?.target ?? null;
}

/** Removes the device's target and what waits for it (logout, a dead token, or the device asks). */
export async function removePushTarget(ctx: PushContext, sessionId: string): Promise<void> {
  if (!ctx.targets.delete(sessionId)) return;
  await ctx.writer.write(() => ctx.statements.deleteTarget(sessionId));
}

/** Removes the targets of sessions that ended (and what waits for them), in one commit. */
export async function removeSessionTargets(ctx: PushContext, sessionIds: readonly string[]): Promise<void> {
  const removed = sessionIds.filter((sessionId) => ctx.targets.delete(sessionId));
  if (removed.length === 0) return;
  await ctx.writer.write(() => {
    for (const sessionId of removed) ctx.statements.deleteTarget(sessionId);
  });
}

import { VenusError, type ClientKind, type Device, type DevicesResponse } from "@venus/model";
import type { Session } from "../cache/session-entity.js";
import type { AccountContext } from "../context.js";
import type { Authenticated } from "../operations/authenticate.js";
import { endSession } from "../operations/sessions.js";

function presentDevice(ctx: AccountContext, session: Session, current: Session | undefined): Device {
  const { device } = session;
  return {
    id: session.publicId,
    // Only kinds the hello schema accepts are ever stored.
    client: device && { kind: device.kind as ClientKind, version: device.version },
    address: device?.address ?? null,
    created_at: session.createdAt,
    last_seen_at: session.lastUsedAt,
    online: ctx.connections.forSession(session.id) !== undefined,
    current: session === current,
  };
}

/**
 * An account's signed-in devices (its sessions), most recently seen first; `current` is the asking
 * device when the owner asks (an admin's view has none).
 */
export function listDevices(ctx: AccountContext, accountId: string, current?: Session): DevicesResponse {
  const sessions = [...(ctx.cache.sessionsByAccount.get(accountId) ?? [])];
  sessions.sort((a, b) => b.lastUsedAt - a.lastUsedAt);
  return { devices: sessions.map((session) => presentDevice(ctx, session, current)) };
}

/**
 * Signs one of the account's devices out at once: its tokens stop working and its WebSocket closes
 * with `device_signed_out`. Durable. Another account's device id is `404 not_found`, as an unknown one.
 */
export async function signOutDevice(
  ctx: AccountContext,
  auth: Authenticated,
  deviceId: string,
): Promise<void> {
  const own = ctx.cache.sessionsByAccount.get(auth.account.id) ?? [];
  const session = [...own].find((candidate) => candidate.publicId === deviceId);
  if (!session) throw new VenusError("not_found", "no such device of this account");
  await endSession(ctx, session, "device_signed_out");
}

import { createHmac } from "node:crypto";
import { SignJWT } from "jose";
import type { VenusConfig, VideoCallResponse } from "@venus/model";
import { VenusError } from "@venus/model";
import type { ChatContext } from "../context.js";
import { openConversation } from "./conversation-access.js";

/** The pair's room name: an HMAC of both ids in a fixed order, so both get it and nobody guesses it. */
export function roomName(secret: string, a: string, b: string): string {
  const [first, second] = [a, b].sort();
  return `venus-${createHmac("sha256", secret).update(`${first}:${second}`).digest("base64url").slice(0, 32)}`;
}

/** The config problem of a set url without a long enough room secret, or undefined. */
export function videoCallsConfigProblem(config: VenusConfig["video_calls"]): string | undefined {
  if (config.url && config.room_secret.length < 32)
    return "room_secret must have at least 32 characters when url is set";
  if (Boolean(config.jwt_app_id) !== Boolean(config.jwt_secret))
    return "jwt_app_id and jwt_secret go together (both set or both empty)";
  return undefined;
}

/**
 * The room of two matches neither of whom blocked the other (`blocked_or_not_found`, `not_a_match`
 * otherwise), with a Jitsi-style token when the meeting server needs one.
 */
export async function videoCallRoom(
  ctx: ChatContext,
  accountId: string,
  otherId: string,
): Promise<VideoCallResponse> {
  const config = ctx.config.video_calls;
  if (!config.url) throw new VenusError("video_calls_not_configured");
  openConversation(ctx, accountId, otherId);
  const room = roomName(config.room_secret, accountId, otherId);
  const url = `${config.url.replace(/\/+$/, "")}/${room}`;
  if (!config.jwt_secret) return { room, url };
  const issuedAt = Math.floor(ctx.now() / 1000);
  const expiresAt = issuedAt + config.jwt_ttl_seconds;
  const jwt = await new SignJWT({ room, context: { user: { id: accountId } } })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(config.jwt_app_id)
    .setAudience("jitsi")
    .setSubject(new URL(config.url).hostname)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(config.jwt_secret));
  return { room, url: `${url}?jwt=${jwt}`, jwt, expires_at: expiresAt * 1000 };
}

import { Agent } from "node:https";
import type { PushTarget } from "@venus/model";
import webPush from "web-push";
import {
  resultOfStatus,
  retryAfterMs,
  type PushPayload,
  type PushProviderClient,
  type PushResult,
} from "./push-provider.js";
import type { VapidKeys } from "../vapid-keys.js";

/**
 * WebPush through the `web-push` library: the payload encrypted for the subscription (RFC 8291,
 * aes128gcm) and a VAPID JWT (RFC 8292) signed with the server's key, sent to the subscription's
 * own push service (whatever the browser vendor runs; its address is the endpoint).
 */
export class WebPushProvider implements PushProviderClient {
  readonly name = "webpush" as const;
  /** Kept-alive connections: a TLS handshake per push would cost more than the push. */
  private readonly agent: Agent;
  /** The VAPID header per push service origin, reused for an hour (its JWT is valid for 12). */
  private readonly vapidHeaders = new Map<string, { value: string; until: number }>();

  constructor(
    private readonly vapid: VapidKeys,
    private readonly subject: string,
    private readonly timeoutMs: number,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  async send(target: PushTarget, payload: PushPayload, ttlSeconds: number): Promise<PushResult> {
    if (target.provider !== "webpush") return { outcome: "rejected", reason: "not a webpush target" };
    try {
      const answer = await webPush.sendNotification(
        { endpoint: target.endpoint, keys: target.keys },
        JSON.stringify(payload),
        {
          TTL: ttlSeconds,
          contentEncoding: "aes128gcm",
          urgency: payload.kind === "message" ? "high" : "normal",
          topic: payload.kind,
          timeout: this.timeoutMs,
          agent: this.agent,
          headers: { Authorization: this.authorization(new URL(target.endpoint).origin) },
        },
      );
      return resultOfStatus(answer.statusCode, `status ${answer.statusCode}`);
    } catch (error) {
      if (error instanceof webPush.WebPushError) {
        const header = error.headers["retry-after"] as string | undefined;
        return resultOfStatus(
          error.statusCode,
          `status ${error.statusCode}`,
          retryAfterMs(header, Date.now()),
        );
      }
      return { outcome: "retry", reason: (error as Error).message || "network error" };
    }
  }

  private authorization(audience: string): string {
    const now = Date.now();
    const cached = this.vapidHeaders.get(audience);
    if (cached && now < cached.until) return cached.value;
    const { publicKey, privateKey } = this.vapid;
    const expiration = Math.floor(now / 1000) + 12 * 3600;
    const value = webPush.getVapidHeaders(
      audience,
      this.subject,
      publicKey,
      privateKey,
      "aes128gcm",
      expiration,
    ).Authorization;
    this.vapidHeaders.set(audience, { value, until: now + 3_600_000 });
    return value;
  }

  close(): void {
    this.agent.destroy();
  }
}

import { Agent } from "node:https";
import type { PushTarget } from "@venus/model";
import webPush from "web-push";
import { EncryptQueueFullError, type EncryptPool } from "./encrypt-pool.js";
import { httpsPost } from "./https-post.js";
import {
  resultOfStatus,
  retryAfterMs,
  type PushPayload,
  type PushProviderClient,
  type PushResult,
} from "./push-provider.js";
import type { VapidKeys } from "../vapid-keys.js";

/**
 * WebPush: the payload encrypted for the subscription (RFC 8291, aes128gcm) on the encryption
 * threads, a VAPID JWT (RFC 8292) signed with the server's key once an hour per push service, and a
 * POST to the subscription's own push service (whatever the browser vendor runs; its address is the
 * endpoint) from the event loop.
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
    private readonly pool: EncryptPool,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  async send(target: PushTarget, payload: PushPayload, ttlSeconds: number): Promise<PushResult> {
    if (target.provider !== "webpush") return { outcome: "rejected", reason: "not a webpush target" };
    let body: Uint8Array;
    try {
      body = await this.pool.encrypt(target.keys.p256dh, target.keys.auth, JSON.stringify(payload));
    } catch (error) {
      if (error instanceof EncryptQueueFullError) return { outcome: "retry", reason: error.message };
      return { outcome: "rejected", reason: `encryption: ${(error as Error).message}` };
    }
    const headers = {
      TTL: ttlSeconds,
      "Content-Type": "application/octet-stream",
      "Content-Encoding": "aes128gcm",
      "Content-Length": body.byteLength,
      Urgency: payload.kind === "message" ? "high" : "normal",
      Topic: payload.kind,
      Authorization: this.authorization(new URL(target.endpoint).origin),
    };
    try {
      const answer = await httpsPost(target.endpoint, headers, body, this.agent, this.timeoutMs);
      return resultOfStatus(
        answer.status,
        `status ${answer.status}`,
        retryAfterMs(answer.retryAfter, Date.now()),
      );
    } catch (error) {
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

  async close(): Promise<void> {
    this.agent.destroy();
    await this.pool.close();
  }
}

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

  constructor(
    private readonly vapid: VapidKeys,
    private readonly subject: string,
    private readonly timeoutMs: number,
  ) {}

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
          vapidDetails: {
            subject: this.subject,
            publicKey: this.vapid.publicKey,
            privateKey: this.vapid.privateKey,
          },
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

  close(): void {}
}

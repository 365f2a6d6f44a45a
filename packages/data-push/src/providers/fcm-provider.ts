import type { PushTarget } from "@venus/model";
import type { FcmAccessTokens, ServiceAccount } from "./fcm-credentials.js";
import {
  resultOfStatus,
  retryAfterMs,
  type PushPayload,
  type PushProviderClient,
  type PushResult,
} from "./push-provider.js";

interface FcmError {
  error?: { status?: string; details?: { errorCode?: string }[] };
}

/** FCM HTTP v1: `POST <api_url>/v1/projects/<id>/messages:send` with a data-only message. */
export class FcmProvider implements PushProviderClient {
  readonly name = "fcm" as const;
  private readonly sendUrl: string;

  constructor(
    account: ServiceAccount,
    apiUrl: string,
    private readonly tokens: FcmAccessTokens,
    private readonly timeoutMs: number,
  ) {
    this.sendUrl = `${apiUrl.replace(/\/+$/, "")}/v1/projects/${encodeURIComponent(account.project_id)}/messages:send`;
  }

  async send(target: PushTarget, payload: PushPayload, ttlSeconds: number): Promise<PushResult> {
    if (target.provider !== "fcm") return { outcome: "rejected", reason: "not an fcm target" };
    try {
      const token = await this.tokens.get(Date.now());
      const answer = await fetch(this.sendUrl, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          message: {
            token: target.token,
            data: {
              kind: payload.kind,
              count: String(payload.count),
              ...(payload.name === undefined ? {} : { name: payload.name }),
            },
            android: {
              priority: payload.kind === "message" ? "high" : "normal",
              ttl: `${ttlSeconds}s`,
              collapse_key: payload.kind,
            },
          },
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (answer.ok) return { outcome: "sent" };
      const body = (await answer.json().catch(() => ({}))) as FcmError;
      const code = body.error?.details?.find((detail) => detail.errorCode)?.errorCode ?? body.error?.status;
      const reason = `status ${answer.status}${code ? ` ${code}` : ""}`;
      if (code === "UNREGISTERED") return { outcome: "dead", reason };
      if (answer.status === 401) {
        this.tokens.forget();
        return { outcome: "retry", reason };
      }
      return resultOfStatus(
        answer.status,
        reason,
        retryAfterMs(answer.headers.get("retry-after"), Date.now()),
      );
    } catch (error) {
      return { outcome: "retry", reason: (error as Error).message || "network error" };
    }
  }

  close(): void {}
}

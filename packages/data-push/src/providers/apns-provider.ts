import { connect, constants, type ClientHttp2Session } from "node:http2";
import { readFileSync } from "node:fs";
import type { PushTarget, VenusConfig } from "@venus/model";
import type { ApnsToken } from "./apns-token.js";
import {
  resultOfStatus,
  type PushPayload,
  type PushProviderClient,
  type PushResult,
} from "./push-provider.js";

const { HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH, HTTP2_HEADER_STATUS } = constants;

/** APNs answers that mean the device token is gone for good. */
const DEAD = new Set(["BadDeviceToken", "Unregistered", "DeviceTokenNotForTopic"]);

/**
 * APNs over one HTTP/2 connection (re-opened when it closes), token-based auth. The notification is
 * an alert the app localizes from `loc-key` (`push.<kind>`) with the count; nothing else.
 */
export class ApnsProvider implements PushProviderClient {
  readonly name = "apns" as const;
  private session: ClientHttp2Session | undefined;
  private readonly ca: Buffer | undefined;

  constructor(
    private readonly config: VenusConfig["push"]["apns"],
    private readonly token: ApnsToken,
    private readonly timeoutMs: number,
  ) {
    this.ca = config.ca_file ? readFileSync(config.ca_file) : undefined;
  }

  async send(target: PushTarget, payload: PushPayload, ttlSeconds: number): Promise<PushResult> {
    if (target.provider !== "apns") return { outcome: "rejected", reason: "not an apns target" };
    const now = Date.now();
    const headers = {
      [HTTP2_HEADER_METHOD]: "POST",
      [HTTP2_HEADER_PATH]: `/3/device/${target.token.toLowerCase()}`,
      authorization: `bearer ${await this.token.get(now)}`,
      "apns-topic": this.config.topic,
      "apns-push-type": "alert",
      "apns-priority": payload.kind === "message" ? "10" : "5",
      "apns-collapse-id": payload.kind,
      "apns-expiration": String(Math.floor(now / 1000) + ttlSeconds),
      "content-type": "application/json",
    };
    const body = JSON.stringify({
      aps: {
        alert:
          payload.name === undefined
            ? { "loc-key": `push.${payload.kind}`, "loc-args": [String(payload.count)] }
            : { "loc-key": `push.${payload.kind}.named`, "loc-args": [String(payload.count), payload.name] },
        "thread-id": payload.kind,
      },
      kind: payload.kind,
      count: payload.count,
      ...(payload.name === undefined ? {} : { name: payload.name }),
    });
    try {
      const { status, reason } = await this.request(headers, body);
      if (reason && DEAD.has(reason)) return { outcome: "dead", reason: `${status} ${reason}` };
      if (reason === "ExpiredProviderToken") {
        this.token.forget();
        return { outcome: "retry", reason };
      }
      return resultOfStatus(status, `${status}${reason ? ` ${reason}` : ""}`);
    } catch (error) {
      return { outcome: "retry", reason: (error as Error).message || "network error" };
    }
  }

  close(): void {
    this.session?.close();
    this.session = undefined;
  }

  private connection(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const session = connect(this.config.url, this.ca ? { ca: this.ca } : {});
    session.on("error", () => session.destroy());
    session.on("close", () => {
      if (this.session === session) this.session = undefined;
    });
    session.unref();
    this.session = session;
    return session;
  }

  private request(
    headers: Record<string, string>,
    body: string,
  ): Promise<{ status: number; reason?: string }> {
    return new Promise((resolve, reject) => {
      const stream = this.connection().request(headers);
      let status = 0;
      const chunks: Buffer[] = [];
      stream.setTimeout(this.timeoutMs, () => stream.close(constants.NGHTTP2_CANCEL));
      stream.on("response", (answer) => (status = Number(answer[HTTP2_HEADER_STATUS])));
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", reject);
      stream.on("close", () => {
        if (status === 0) return reject(new Error("no answer (timeout or connection closed)"));
        const text = Buffer.concat(chunks).toString();
        const reason = text ? ((JSON.parse(text) as { reason?: string }).reason ?? undefined) : undefined;
        resolve(reason === undefined ? { status } : { status, reason });
      });
      stream.end(body);
    });
  }
}

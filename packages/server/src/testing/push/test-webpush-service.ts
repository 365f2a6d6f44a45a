import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TestTls } from "./test-ca.js";
import { checkVapid, SubscriberKeys } from "./webpush-crypto.js";

/** How the service answers: accept, the subscription is gone, throttle, fail, or never answer. */
export type WebPushAnswer = "accept" | "gone" | "not_found" | "throttle" | "fail" | "hang";

export interface ReceivedPush {
  subscription: string;
  /** The decrypted payload, parsed. */
  payload: unknown;
  ttl: number;
  urgency: string | undefined;
  topic: string | undefined;
}

/**
 * A WebPush push service on loopback that checks what a real one checks: a VAPID JWT (ES256, signed
 * by the key in `k`, which must be the server's; audience this origin; expiry within 24 h), a TTL,
 * `Content-Encoding: aes128gcm`, and a body that decrypts with the subscription's keys.
 */
export class TestWebPushService {
  readonly received: ReceivedPush[] = [];
  /** Why requests were refused (401/400), for tests to show. */
  readonly refusals: string[] = [];
  /** Requests that reached the service, answered or not. */
  attempts = 0;
  answer: WebPushAnswer = "accept";
  retryAfterSeconds = 1;
  /** The VAPID public key the server must sign with (from GET /push/vapid_public_key). */
  expectedKey: string | undefined;
  private readonly keys = new Map<string, SubscriberKeys>();
  private readonly hanging: ServerResponse[] = [];

  private constructor(private readonly server: Server) {}

  /** Listens with TLS (web-push speaks only https): the server under test must trust `tls.caFile`. */
  static async start(tls: TestTls): Promise<TestWebPushService> {
    const server = createServer({ key: tls.key, cert: tls.cert });
    const service = new TestWebPushService(server);
    server.on("request", (req, res) => service.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return service;
  }

  get origin(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A new browser subscription at this service. */
  subscribe(): { provider: "webpush"; endpoint: string; keys: { p256dh: string; auth: string } } {
    const id = `sub-${this.keys.size + 1}-${Math.random().toString(36).slice(2)}`;
    const keys = new SubscriberKeys();
    this.keys.set(id, keys);
    return {
      provider: "webpush",
      endpoint: `${this.origin}/push/${id}`,
      keys: { p256dh: keys.p256dh, auth: keys.authSecret },
    };
  }

  receivedBy(endpoint: string): ReceivedPush[] {
    const id = endpoint.slice(endpoint.lastIndexOf("/") + 1);
    return this.received.filter((push) => push.subscription === id);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.attempts++;
    const refuse = (status: number, why: string) => {
      this.refusals.push(why);
      res.writeHead(status).end(why);
    };
    const id = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1];
    const keys = id === undefined ? undefined : this.keys.get(id);
    if (req.method !== "POST" || !id || !keys) return refuse(404, `no subscription at ${req.url}`);
    try {
      const key = checkVapid(req.headers.authorization, this.origin, Date.now());
      if (this.expectedKey && key !== this.expectedKey)
        return refuse(403, "k is not the application server key");
    } catch (error) {
      return refuse(401, (error as Error).message);
    }
    const ttl = Number(req.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return refuse(400, `bad TTL ${req.headers.ttl}`);
    if (req.headers["content-encoding"] !== "aes128gcm") return refuse(415, "not aes128gcm");
    if (this.answer === "hang") return void this.hanging.push(res);
    if (this.answer === "gone") return void res.writeHead(410).end();
    if (this.answer === "not_found") return void res.writeHead(404).end();
    if (this.answer === "throttle")
      return void res.writeHead(429, { "retry-after": String(this.retryAfterSeconds) }).end();
    if (this.answer === "fail") return void res.writeHead(500).end();
    let payload: unknown;
    try {
      payload = JSON.parse(keys.decrypt(Buffer.concat(chunks)).toString());
    } catch (error) {
      return refuse(400, `payload: ${(error as Error).message}`);
    }
    this.received.push({
      subscription: id,
      payload,
      ttl,
      urgency: req.headers.urgency as string | undefined,
      topic: req.headers.topic as string | undefined,
    });
    res.writeHead(201, { location: `${this.origin}/message/${this.received.length}` }).end();
  }
}

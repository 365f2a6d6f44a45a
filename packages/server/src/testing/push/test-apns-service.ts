import { generateKeyPairSync, randomUUID, verify, type KeyObject } from "node:crypto";
import { writeFileSync } from "node:fs";
import { constants, createSecureServer, type Http2SecureServer, type ServerHttp2Stream } from "node:http2";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { TestTls } from "./test-ca.js";
import type { WebPushAnswer } from "./test-webpush-service.js";

export const APNS_KEY_ID = "ABC123DEFG";
export const APNS_TEAM_ID = "TEAM123456";
export const APNS_TOPIC = "app.venus.test";

export interface ReceivedApns {
  token: string;
  headers: Record<string, string>;
  payload: { aps?: unknown; kind?: string; count?: number };
}

const PUSH_TYPES = new Set([
  "alert",
  "background",
  "voip",
  "complication",
  "fileprovider",
  "mdm",
  "liveactivity",
]);

/**
 * APNs on loopback: HTTP/2 over TLS (a test CA), `POST /3/device/<token>`, checking what Apple
 * checks: the provider token's ES256 signature with the team's key, its kid, iss and age (an hour),
 * `apns-topic`, `apns-push-type`, `apns-priority`, and a JSON body of at most 4 KB.
 */
export class TestApnsService {
  readonly received: ReceivedApns[] = [];
  readonly refusals: string[] = [];
  attempts = 0;
  answer: WebPushAnswer = "accept";
  private readonly publicKey: KeyObject;
  private readonly privatePem: string;

  private constructor(private readonly server: Http2SecureServer) {
    const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    this.publicKey = pair.publicKey;
    this.privatePem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  }

  static async start(tls: TestTls): Promise<TestApnsService> {
    const server = createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: false });
    const service = new TestApnsService(server);
    server.on("stream", (stream, headers) => service.handle(stream, headers as Record<string, string>));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return service;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Writes the team's signing key (.p8, PKCS#8 PEM) into `dir`; returns its path. */
  keyFile(dir: string): string {
    const file = join(dir, `AuthKey_${APNS_KEY_ID}.p8`);
    writeFileSync(file, this.privatePem);
    return file;
  }

  receivedBy(token: string): ReceivedApns[] {
    return this.received.filter((push) => push.token === token);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(stream: ServerHttp2Stream, headers: Record<string, string>): void {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => this.answerWith(stream, headers, Buffer.concat(chunks)));
  }

  private answerWith(stream: ServerHttp2Stream, headers: Record<string, string>, body: Buffer): void {
    const reply = (status: number, reason?: string) => {
      if (stream.closed) return;
      stream.respond({ [constants.HTTP2_HEADER_STATUS]: status, "apns-id": randomUUID() });
      stream.end(reason ? JSON.stringify({ reason }) : undefined);
    };
    const refuse = (status: number, reason: string) => {
      this.refusals.push(reason);
      reply(status, reason);
    };
    const token = /^\/3\/device\/([0-9a-f]{64,200})$/.exec(headers[":path"] ?? "")?.[1];
    if (headers[":method"] !== "POST") return refuse(405, "MethodNotAllowed");
    if (!token) return refuse(400, "BadDeviceToken");
    this.attempts++;
    const problem = this.checkToken(headers.authorization);
    if (problem) return refuse(403, problem);
    if (headers["apns-topic"] !== APNS_TOPIC) return refuse(400, "BadTopic");
    if (!PUSH_TYPES.has(headers["apns-push-type"] ?? "")) return refuse(400, "InvalidPushType");
    if (!["5", "10"].includes(headers["apns-priority"] ?? "10")) return refuse(400, "BadPriority");
    if (!/^\d+$/.test(headers["apns-expiration"] ?? "0")) return refuse(400, "BadExpirationDate");
    if (body.length > 4096) return refuse(413, "PayloadTooLarge");
    let payload: ReceivedApns["payload"];
    try {
      payload = JSON.parse(body.toString()) as ReceivedApns["payload"];
    } catch {
      return refuse(400, "PayloadEmpty");
    }
    if (!payload.aps) return refuse(400, "PayloadEmpty");
    if (this.answer === "hang") return;
    if (this.answer === "gone") return reply(410, "Unregistered");
    if (this.answer === "not_found") return reply(400, "BadDeviceToken");
    if (this.answer === "throttle") return reply(429, "TooManyRequests");
    if (this.answer === "fail") return reply(500, "InternalServerError");
    this.received.push({ token, headers, payload });
    reply(200);
  }

  /** Undefined when the provider token is good; else APNs's reason. */
  private checkToken(authorization: string | undefined): string | undefined {
    const jwt = /^bearer (.+)$/.exec(authorization ?? "")?.[1];
    if (!jwt) return "MissingProviderToken";
    const [head, payload, signature] = jwt.split(".") as [string, string, string];
    const header = JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: string; kid?: string };
    if (header.alg !== "ES256" || header.kid !== APNS_KEY_ID) return "InvalidProviderToken";
    const signed = Buffer.from(`${head}.${payload}`);
    const sig = Buffer.from(signature, "base64url");
    if (!verify("sha256", signed, { key: this.publicKey, dsaEncoding: "ieee-p1363" }, sig))
      return "InvalidProviderToken";
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { iss?: string; iat?: number };
    if (claims.iss !== APNS_TEAM_ID) return "InvalidProviderToken";
    const age = Date.now() / 1000 - (claims.iat ?? 0);
    if (age > 3600) return "ExpiredProviderToken";
    if (age < -60) return "InvalidProviderToken";
    return undefined;
  }
}

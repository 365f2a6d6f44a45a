import { generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { WebPushAnswer } from "./test-webpush-service.js";

export interface ReceivedFcm {
  token: string;
  data: Record<string, string>;
  android: { priority?: string; ttl?: string; collapse_key?: string };
}

const PROJECT = "venus-test";

/**
 * Google's OAuth token endpoint and FCM HTTP v1 on loopback. The token endpoint verifies the
 * assertion's RS256 signature with the service account's public key, its issuer, audience, scope
 * and lifetime, and hands out bearer tokens; `messages:send` accepts only those, for this project.
 */
export class TestFcmService {
  readonly received: ReceivedFcm[] = [];
  readonly refusals: string[] = [];
  tokensIssued = 0;
  attempts = 0;
  answer: WebPushAnswer = "accept";
  retryAfterSeconds = 1;
  private readonly bearers = new Set<string>();
  private readonly hanging: ServerResponse[] = [];
  private readonly publicKey: KeyObject;
  private readonly privatePem: string;

  private constructor(private readonly server: Server) {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.publicKey = pair.publicKey;
    this.privatePem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  }

  static async start(): Promise<TestFcmService> {
    const server = createServer();
    const service = new TestFcmService(server);
    server.on("request", (req, res) => void service.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return service;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get tokenUrl(): string {
    return `${this.origin}/token`;
  }

  /** Writes a service account key file for this service into `dir`; returns its path. */
  serviceAccountFile(dir: string): string {
    const file = join(dir, "fcm-service-account.json");
    writeFileSync(
      file,
      JSON.stringify({
        type: "service_account",
        project_id: PROJECT,
        client_email: "venus@venus-test.iam.gserviceaccount.com",
        private_key: this.privatePem,
      }),
    );
    return file;
  }

  receivedBy(token: string): ReceivedFcm[] {
    return this.received.filter((message) => message.token === token);
  }

  async stop(): Promise<void> {
    for (const res of this.hanging.splice(0)) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const refuse = (status: number, why: string) => {
      this.refusals.push(why);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: why }));
    };
    if (req.method === "POST" && req.url === "/token") {
      try {
        this.checkAssertion(new URLSearchParams(body));
      } catch (error) {
        return refuse(400, (error as Error).message);
      }
      const bearer = randomBytes(24).toString("base64url");
      this.bearers.add(bearer);
      this.tokensIssued++;
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ access_token: bearer, expires_in: 3599, token_type: "Bearer" }));
    }
    if (req.method !== "POST" || req.url !== `/v1/projects/${PROJECT}/messages:send`)
      return refuse(404, `no route ${req.method} ${req.url}`);
    this.attempts++;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || !this.bearers.has(bearer)) return refuse(401, "no valid bearer token");
    const message = (JSON.parse(body) as { message?: ReceivedFcm }).message;
    if (!message?.token || typeof message.data?.kind !== "string") return refuse(400, `bad message ${body}`);
    if (Object.values(message.data).some((value) => typeof value !== "string"))
      return refuse(400, "data values must be strings");
    if (this.answer === "hang") return void this.hanging.push(res);
    if (this.answer === "gone" || this.answer === "not_found") {
      const error = {
        code: 404,
        status: "NOT_FOUND",
        details: [
          { "@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", errorCode: "UNREGISTERED" },
        ],
      };
      return void res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error }));
    }
    if (this.answer === "throttle")
      return void res.writeHead(429, { "retry-after": String(this.retryAfterSeconds) }).end("{}");
    if (this.answer === "fail") return void res.writeHead(500).end("{}");
    this.received.push(message);
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ name: `projects/${PROJECT}/messages/${this.received.length}` }));
  }

  private checkAssertion(form: URLSearchParams): void {
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer")
      throw new Error("grant_type");
    const [head, payload, signature] = (form.get("assertion") ?? "").split(".") as [string, string, string];
    const header = JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: string };
    if (header.alg !== "RS256") throw new Error(`alg ${header.alg}`);
    const good = verify(
      "sha256",
      Buffer.from(`${head}.${payload}`),
      this.publicKey,
      Buffer.from(signature, "base64url"),
    );
    if (!good) throw new Error("invalid_grant: bad JWT signature");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const now = Date.now() / 1000;
    if (claims.iss !== "venus@venus-test.iam.gserviceaccount.com")
      throw new Error(`iss ${String(claims.iss)}`);
    if (claims.aud !== this.tokenUrl) throw new Error(`aud ${String(claims.aud)}`);
    if (claims.scope !== "https://www.googleapis.com/auth/firebase.messaging") throw new Error("scope");
    const [iat, exp] = [Number(claims.iat), Number(claims.exp)];
    if (!(iat <= now + 60 && exp > now && exp - iat <= 3600)) throw new Error(`iat ${iat} exp ${exp}`);
  }
}

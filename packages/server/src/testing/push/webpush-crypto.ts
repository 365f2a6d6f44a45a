import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
  type ECDH,
} from "node:crypto";

const b64url = (bytes: Buffer) => bytes.toString("base64url");

/** A browser's side of a subscription: its P-256 key pair and auth secret (RFC 8291 §2). */
export class SubscriberKeys {
  readonly ecdh: ECDH = createECDH("prime256v1");
  readonly auth = randomBytes(16);

  constructor() {
    this.ecdh.generateKeys();
  }

  get p256dh(): string {
    return b64url(this.ecdh.getPublicKey());
  }

  get authSecret(): string {
    return b64url(this.auth);
  }

  /**
   * Decrypts one aes128gcm body (RFC 8188 header, RFC 8291 key derivation) as a push service's
   * browser would; throws on anything malformed or not encrypted for these keys.
   */
  decrypt(body: Buffer): Buffer {
    const salt = body.subarray(0, 16);
    const recordSize = body.readUInt32BE(16);
    const idLength = body[20] as number;
    const senderKey = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    if (idLength !== 65) throw new Error(`keyid is ${idLength} bytes, not a 65-byte P-256 key`);
    if (record.length > recordSize) throw new Error("more than one record");
    const shared = this.ecdh.computeSecret(senderKey);
    const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), this.ecdh.getPublicKey(), senderKey]);
    const ikm = Buffer.from(hkdfSync("sha256", shared, this.auth, keyInfo, 32));
    const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
    const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
    const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error("the last record lacks its 0x02 padding delimiter");
    return padded.subarray(0, end);
  }
}

/** Checks a VAPID `Authorization: vapid t=JWT, k=KEY` header (RFC 8292) for `audience`; returns the key. */
export function checkVapid(header: string | undefined, audience: string, now: number): string {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match) throw new Error(`no vapid authorization: ${header}`);
  const [, token, key] = match as unknown as [string, string, string];
  const [head, payload, signature] = token.split(".") as [string, string, string];
  const raw = Buffer.from(key, "base64url");
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("k is not an uncompressed P-256 public key");
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33)) },
    format: "jwk",
  });
  const header_ = JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: string };
  if (header_.alg !== "ES256") throw new Error(`JWT alg ${header_.alg}, not ES256`);
  const signed = Buffer.from(`${head}.${payload}`);
  const good = verify(
    "sha256",
    signed,
    { key: publicKey, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!good) throw new Error("JWT signature does not verify with k");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as {
    aud?: string;
    exp?: number;
    sub?: string;
  };
  if (claims.aud !== audience) throw new Error(`JWT aud ${claims.aud}, not ${audience}`);
  const seconds = now / 1000;
  if (!claims.exp || claims.exp <= seconds || claims.exp > seconds + 24 * 3600)
    throw new Error(`JWT exp ${claims.exp} not within the next 24 hours`);
  if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) throw new Error(`JWT sub ${claims.sub}`);
  return key;
}

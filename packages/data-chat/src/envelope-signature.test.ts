import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { envelopeSignatureValid, signEnvelope, type SignedFields } from "./envelope-signature.js";

const fields: SignedFields = {
  sender: "a",
  recipient: "b",
  uuid: "u",
  number: 3,
  sentAt: 1000,
  senderKeyId: 1,
  recipientKeyId: 2,
  body: Buffer.from("ciphertext"),
};

describe("envelope signature", () => {
  const secret = randomBytes(32);

  it("checks out for the fields it was made for", () => {
    const signature = signEnvelope(secret, fields);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(envelopeSignatureValid(secret, fields, signature)).toBe(true);
  });

  it("fails when any field, the body, or the secret differs", () => {
    const signature = signEnvelope(secret, fields);
    const changes: Partial<SignedFields>[] = [
      { sender: "c" },
      { recipient: "c" },
      { uuid: "v" },
      { number: 4 },
      { sentAt: 1001 },
      { senderKeyId: 2 },
      { recipientKeyId: 1 },
      { body: Buffer.from("ciphertexT") },
    ];
    for (const change of changes)
      expect(envelopeSignatureValid(secret, { ...fields, ...change }, signature)).toBe(false);
    expect(envelopeSignatureValid(randomBytes(32), fields, signature)).toBe(false);
    expect(envelopeSignatureValid(secret, fields, "short")).toBe(false);
  });
});

import { createHmac, timingSafeEqual } from "node:crypto";
import type { MessageEnvelope } from "@venus/model";

/** The fields of a message the server vouches for. */
export interface SignedFields {
  sender: string;
  recipient: string;
  uuid: string;
  number: number;
  sentAt: number;
  senderKeyId: number;
  recipientKeyId: number;
  /** The decoded body bytes. */
  body: Uint8Array;
}

const DOMAIN = "venus-envelope-v1\n";

/**
 * HMAC-SHA256 with the server's secret over a fixed layout of the fields and the decoded body
 * (docs/protocol.md), base64url. Only the server can make or check it, and the server is who checks
 * it: when a recipient reports a message, this proves the server stored exactly that from the sender.
 */
export function signEnvelope(secret: Buffer, fields: SignedFields): string {
  const head = [
    fields.sender,
    fields.recipient,
    fields.uuid,
    fields.number,
    fields.sentAt,
    fields.senderKeyId,
    fields.recipientKeyId,
  ].join("\n");
  return createHmac("sha256", secret)
    .update(DOMAIN)
    .update(head)
    .update("\n")
    .update(fields.body)
    .digest("base64url");
}

export function envelopeSignatureValid(secret: Buffer, fields: SignedFields, signature: string): boolean {
  const expected = Buffer.from(signEnvelope(secret, fields), "base64url");
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether an envelope as clients hold it carries this server's signature over exactly its fields. */
export const signedEnvelopeValid = (secret: Buffer, envelope: MessageEnvelope): boolean =>
  envelopeSignatureValid(
    secret,
    {
      sender: envelope.sender,
      recipient: envelope.recipient,
      uuid: envelope.uuid,
      number: envelope.number,
      sentAt: envelope.sent_at,
      senderKeyId: envelope.sender_key_id,
      recipientKeyId: envelope.recipient_key_id,
      body: Buffer.from(envelope.body, "base64"),
    },
    envelope.signature,
  );

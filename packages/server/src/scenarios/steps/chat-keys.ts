import { randomUUID } from "node:crypto";
import type { VenusClient } from "@venus/bot-client";
import type { MessageEnvelope, SendMessageResponse } from "@venus/model";
import { createMessage, decrypt, encrypt, generateKey, readKey, readMessage, readPrivateKey } from "openpgp";

/**
 * The OpenPGP side of a chat client: a key pair whose private half never leaves the test.
 */
export interface PgpKeyPair {
  /** The ASCII-armored public key, as `PUT /chat/public_key` takes it. */
  armoredPublicKey: string;
  /** `text` encrypted to the armored key and signed with this pair: the binary OpenPGP message. */
  encryptFor(armoredRecipientKey: string, text: string): Promise<Uint8Array>;
  /** A binary OpenPGP message to this pair, decrypted, its signature checked with the armored key. */
  decryptFrom(message: Uint8Array, armoredSenderKey: string): Promise<string>;
}

/**
 * A person's end-to-end encrypted chat: publishes the pair's public key with
 * `PUT /chat/public_key`, encrypts each message to the recipient's current key, and reads
 * envelopes by fetching the key that signed them.
 */
export class ChatKeys {
  private constructor(
    readonly client: VenusClient,
    /** The published key's id (`sender_key_id` of this side's messages). */
    readonly keyId: number,
    private readonly pair: PgpKeyPair,
  ) {}

  /** Publishes the pair's public key as the account's current key. */
  static async publish(client: VenusClient, pair: PgpKeyPair): Promise<ChatKeys> {
    const { key_id } = await client.chat.publishKey(pair.armoredPublicKey);
    return new ChatKeys(client, key_id, pair);
  }

  /**
   * Sends `text` to `recipient`, encrypted to its current key (fetched first) and signed with this
   * pair: the send answer and the message's UUID. A refusal rejects as a VenusApiError.
   */
  async send(recipient: string, text: string): Promise<SendMessageResponse> {
    const theirs = await this.client.chat.publicKey(recipient);
    const body = await this.pair.encryptFor(theirs.key, text);
    return this.client.chat.send({
      recipient,
      uuid: randomUUID(),
      sender_key_id: this.keyId,
      recipient_key_id: theirs.key_id,
      body: Buffer.from(body).toString("base64"),
    });
  }

  /**
   * A send with the recipient's key id this side last knew, without fetching the key: for when
   * the key can no longer be fetched (after a block `GET /chat/public_key` is refused too). The
   * body is not encrypted; the point is the server's answer.
   */
  sendBlind(recipient: string, recipientKeyId: number): Promise<SendMessageResponse> {
    return this.client.chat.send({
      recipient,
      uuid: randomUUID(),
      sender_key_id: this.keyId,
      recipient_key_id: recipientKeyId,
      body: Buffer.from("not really encrypted").toString("base64"),
    });
  }

  /** The text of an envelope sent to this account, its signature checked with the sender's key of then. */
  async read(envelope: MessageEnvelope): Promise<string> {
    const theirs = await this.client.chat.publicKey(envelope.sender, { keyId: envelope.sender_key_id });
    return this.pair.decryptFrom(Buffer.from(envelope.body, "base64"), theirs.key);
  }
}

/** An OpenPGP key pair (curve25519) for one person, made with openpgp. */
export async function openpgpPair(name: string): Promise<PgpKeyPair> {
  const pair = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name }],
    format: "armored",
  });
  const privateKey = await readPrivateKey({ armoredKey: pair.privateKey });
  return {
    armoredPublicKey: pair.publicKey,
    encryptFor: async (armoredRecipientKey, text) =>
      encrypt({
        message: await createMessage({ text }),
        encryptionKeys: await readKey({ armoredKey: armoredRecipientKey }),
        signingKeys: privateKey,
        format: "binary",
      }),
    decryptFrom: async (message, armoredSenderKey) => {
      const { data } = await decrypt({
        message: await readMessage({ binaryMessage: message }),
        decryptionKeys: privateKey,
        verificationKeys: await readKey({ armoredKey: armoredSenderKey }),
        expectSigned: true,
      });
      return data;
    },
  };
}

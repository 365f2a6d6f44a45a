import {
  createMessage,
  encrypt,
  generateKey,
  readKey,
  readPrivateKey,
  type Key,
  type PrivateKey,
} from "openpgp";
import type { VenusClient } from "../venus-client.js";

/**
 * The bot's own OpenPGP key pair (curve25519), published with `PUT /chat/public_key`. The private
 * key lives only in memory for the bot's life: a restarted bot makes and publishes a new one (a new
 * key id), and messages encrypted to an older key are simply not read — a bot never reads them.
 */
export class BotKeyPair {
  private constructor(
    readonly keyId: number,
    readonly armoredPublicKey: string,
    readonly privateKey: PrivateKey,
  ) {}

  /** Generates a key pair and publishes its public key as the account's current one (a new key id). */
  static async publishNew(client: VenusClient): Promise<BotKeyPair> {
    const pair = await generateKey({
      type: "ecc",
      curve: "curve25519Legacy",
      userIDs: [{ name: `venus bot ${client.accountId}` }],
      format: "armored",
    });
    const privateKey = await readPrivateKey({ armoredKey: pair.privateKey });
    const { key_id } = await client.chat.publishKey(pair.publicKey);
    return new BotKeyPair(key_id, pair.publicKey, privateKey);
  }

  /** `text` encrypted to `recipient` and signed with the bot's key: the binary message in base64. */
  async encryptFor(recipient: Key, text: string): Promise<string> {
    const bytes = await encrypt({
      message: await createMessage({ text }),
      encryptionKeys: recipient,
      signingKeys: this.privateKey,
      format: "binary",
    });
    return Buffer.from(bytes).toString("base64");
  }
}

export interface PeerKey {
  keyId: number;
  key: Key;
}

/**
 * Other accounts' current public keys: each `current()` asks the server (`GET /chat/public_key/{id}`)
 * and parses the armored key only when its id changed since the last time.
 */
export class PeerKeys {
  private readonly known = new Map<string, PeerKey>();

  constructor(private readonly client: VenusClient) {}

  async current(accountId: string): Promise<PeerKey> {
    const published = await this.client.chat.publicKey(accountId);
    const cached = this.known.get(accountId);
    if (cached?.keyId === published.key_id) return cached;
    const peer = { keyId: published.key_id, key: await readKey({ armoredKey: published.key }) };
    this.known.set(accountId, peer);
    return peer;
  }

  forget(accountId: string): void {
    this.known.delete(accountId);
  }
}

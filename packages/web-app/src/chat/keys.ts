import { generateKey, readKey, readPrivateKey, type Key, type PrivateKey } from "openpgp";
import type { ChatApi } from "./chat-api.js";
import type { ChatStore, OwnKey } from "./chat-store.js";

export interface OwnKeyPair {
  keyId: number;
  privateKey: PrivateKey;
}

/**
 * The device's key pair: made on first use (curve25519), kept in IndexedDB, its public half
 * published as the account's current key. The private key never leaves the device.
 */
export async function ownKeyPair(store: ChatStore, api: ChatApi, label: string): Promise<OwnKeyPair> {
  const stored = (await store.ownKey()) ?? (await publishNew(store, api, label));
  return { keyId: stored.keyId, privateKey: await readPrivateKey({ armoredKey: stored.privateKey }) };
}

/** Publishes the stored public key again: another device of the account published its own since. */
export async function republish(store: ChatStore, api: ChatApi): Promise<OwnKeyPair> {
  const stored = await store.ownKey();
  if (!stored) throw new Error("no key pair to publish");
  const { key_id } = await api.publishKey(stored.publicKey);
  await store.saveOwnKey({ ...stored, keyId: key_id });
  return { keyId: key_id, privateKey: await readPrivateKey({ armoredKey: stored.privateKey }) };
}

async function publishNew(store: ChatStore, api: ChatApi, label: string): Promise<OwnKey> {
  const pair = await generateKey({
    type: "ecc",
    curve: "curve25519Legacy",
    userIDs: [{ name: label }],
    format: "armored",
  });
  const { key_id } = await api.publishKey(pair.publicKey);
  const own = { keyId: key_id, publicKey: pair.publicKey, privateKey: pair.privateKey };
  await store.saveOwnKey(own);
  return own;
}

export interface PeerKey {
  keyId: number;
  key: Key;
}

/**
 * Matches' public keys. `current` fetches a match's key once and then uses the kept one until a send
 * answers `public_key_outdated` (the match published a new key on another device) and `outdated`
 * forgets it; `byId` reads a kept older version to verify a message signed with it.
 */
export class PeerKeys {
  /** The key id each match's messages are encrypted to, as last fetched on this page. */
  private readonly currentIds = new Map<string, number>();

  constructor(
    private readonly store: ChatStore,
    private readonly api: ChatApi,
  ) {}

  async current(accountId: string): Promise<PeerKey> {
    const known = this.currentIds.get(accountId);
    if (known !== undefined) return this.byId(accountId, known);
    const published = await this.api.publicKey(accountId);
    const stored = await this.store.peerKey(accountId, published.key_id);
    if (!stored) await this.store.savePeerKey({ accountId, keyId: published.key_id, key: published.key });
    this.currentIds.set(accountId, published.key_id);
    return { keyId: published.key_id, key: await readKey({ armoredKey: published.key }) };
  }

  /** The server said the kept key is not the match's current one: the next `current` fetches it. */
  outdated(accountId: string): void {
    this.currentIds.delete(accountId);
  }

  async byId(accountId: string, keyId: number): Promise<PeerKey> {
    let stored = await this.store.peerKey(accountId, keyId);
    if (!stored) {
      const published = await this.api.publicKey(accountId, keyId);
      stored = { accountId, keyId, key: published.key };
      await this.store.savePeerKey(stored);
    }
    return { keyId, key: await readKey({ armoredKey: stored.key }) };
  }
}

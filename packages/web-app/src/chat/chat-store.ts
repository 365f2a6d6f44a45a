import { committed, done, openDatabase } from "./idb.js";

/** The device's own key pair, as published: `keyId` is the server's version of it. */
export interface OwnKey {
  keyId: number;
  publicKey: string;
  privateKey: string;
}

export interface PeerKeyRecord {
  accountId: string;
  keyId: number;
  key: string;
}

/**
 * One message of a conversation as this device keeps it (the server deletes messages once both
 * sides have them, so this is the only history). `queued` messages form the outbox.
 */
export interface StoredMessage {
  peer: string;
  uuid: string;
  direction: "in" | "out";
  text: string;
  createdAt: number;
  state: "queued" | "sent" | "delivered" | "received" | "failed";
  /** Failed only: the server's error code (not a match any more, blocked, too large). */
  error?: string;
  number?: number;
  sentAt?: number;
  /** Incoming only: the sender's signature checked out with its published key. */
  verified?: boolean;
  /** Incoming only: encrypted to a key this device does not hold (made on another device). */
  unreadable?: boolean;
  /** Incoming only: the envelope as received, kept so the message can be reported. */
  envelope?: unknown;
}

/** How far a match has read (`seen`) and how far this device has read the conversation. */
export interface ConversationMarks {
  peer: string;
  seenByPeer: number;
  readByMe: number;
}

const VERSION = 1;

/** The chat's IndexedDB database, one per account on the device. */
export class ChatStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(accountId: string, factory: IDBFactory = indexedDB): Promise<ChatStore> {
    const db = await openDatabase(factory, `venus-chat-${accountId}`, VERSION, (db) => {
      db.createObjectStore("own_key");
      db.createObjectStore("peer_keys", { keyPath: ["accountId", "keyId"] });
      const messages = db.createObjectStore("messages", { keyPath: ["peer", "uuid"] });
      messages.createIndex("peer", "peer");
      messages.createIndex("state", "state");
      db.createObjectStore("marks", { keyPath: "peer" });
    });
    return new ChatStore(db);
  }

  close(): void {
    this.db.close();
  }

  private async get<T>(store: string, key: IDBValidKey): Promise<T | undefined> {
    return (await done(this.db.transaction(store).objectStore(store).get(key))) as T | undefined;
  }

  private async put(store: string, value: unknown, key?: IDBValidKey): Promise<void> {
    const transaction = this.db.transaction(store, "readwrite");
    transaction.objectStore(store).put(value, key);
    await committed(transaction);
  }

  ownKey(): Promise<OwnKey | undefined> {
    return this.get<OwnKey>("own_key", "current");
  }

  saveOwnKey(key: OwnKey): Promise<void> {
    return this.put("own_key", key, "current");
  }

  peerKey(accountId: string, keyId: number): Promise<PeerKeyRecord | undefined> {
    return this.get<PeerKeyRecord>("peer_keys", [accountId, keyId]);
  }

  savePeerKey(record: PeerKeyRecord): Promise<void> {
    return this.put("peer_keys", record);
  }

  message(peer: string, uuid: string): Promise<StoredMessage | undefined> {
    return this.get<StoredMessage>("messages", [peer, uuid]);
  }

  saveMessage(message: StoredMessage): Promise<void> {
    return this.put("messages", message);
  }

  /** A conversation, oldest first (by number; queued messages, which have none, last). */
  async conversation(peer: string): Promise<StoredMessage[]> {
    const index = this.db.transaction("messages").objectStore("messages").index("peer");
    const all = (await done(index.getAll(peer))) as StoredMessage[];
    const order = (m: StoredMessage) => m.number ?? Number.MAX_SAFE_INTEGER;
    return all.sort((a, b) => order(a) - order(b) || a.createdAt - b.createdAt);
  }

  /** The outbox: messages written but not yet stored by the server, oldest first. */
  async queued(): Promise<StoredMessage[]> {
    const index = this.db.transaction("messages").objectStore("messages").index("state");
    const all = (await done(index.getAll("queued"))) as StoredMessage[];
    return all.sort((a, b) => a.createdAt - b.createdAt);
  }

  /**
   * Changes a stored message in one transaction (a receipt and a send answer may race); `change`
   * returns undefined to leave it as it is. Resolves to the message as stored.
   */
  async update(
    peer: string,
    uuid: string,
    change: (message: StoredMessage) => StoredMessage | undefined,
  ): Promise<StoredMessage | undefined> {
    const transaction = this.db.transaction("messages", "readwrite");
    const messages = transaction.objectStore("messages");
    let result: StoredMessage | undefined;
    const read = messages.get([peer, uuid]);
    read.onsuccess = () => {
      result = read.result as StoredMessage | undefined;
      const changed = result && change(result);
      if (changed) messages.put((result = changed));
    };
    await committed(transaction);
    return result;
  }

  async marks(peer: string): Promise<ConversationMarks> {
    return (await this.get<ConversationMarks>("marks", peer)) ?? { peer, seenByPeer: 0, readByMe: 0 };
  }

  saveMarks(marks: ConversationMarks): Promise<void> {
    return this.put("marks", marks);
  }
}

import type { PendingMessagesResponse, ReceiptsResponse } from "@venus/model";
import type { ApiClient, LiveSocket } from "@venus/web-shared";
import { chatApiOf } from "./chat-api-client.js";
import { ChatStore } from "./chat-store.js";
import { Inbox } from "./inbox.js";
import { ownKeyPair, PeerKeys } from "./keys.js";
import { Outbox } from "./outbox.js";

/** Ids of conversations that changed, for the screens to re-read from IndexedDB. */
type Listener = (peer: string) => void;

/**
 * The signed-in device's chat: opened once per account, it listens to the socket's chat events,
 * keeps every message in IndexedDB, and sends the outbox whenever the socket (re)connects.
 */
export class ChatService {
  private readonly listeners = new Set<Listener>();
  private readonly typingUntil = new Map<string, number>();

  private constructor(
    readonly store: ChatStore,
    readonly outbox: Outbox,
    private readonly api: ApiClient,
  ) {}

  static async start(accountId: string, api: ApiClient, socket: LiveSocket): Promise<ChatService> {
    const chat = chatApiOf(api);
    const store = await ChatStore.open(accountId);
    const peers = new PeerKeys(store, chat);
    const own = await ownKeyPair(store, chat, `venus ${accountId}`);
    let service: ChatService | undefined;
    const changed = (peer: string) => service?.emit(peer);
    const outbox = new Outbox(store, chat, peers, own, changed);
    const inbox = new Inbox(store, chat, peers, own.privateKey, changed);
    service = new ChatService(store, outbox, api);
    socket.on("new_message", (envelope) => {
      if (!envelope) return;
      service.typingUntil.delete(envelope.sender); // the message they were typing is here
      void inbox.receive([envelope]);
    });
    socket.on("delivered", (data) => data && void outbox.delivered(data.receipts));
    socket.on("seen", (data) => data && void service.seen(data.account_id, data.number));
    socket.on("typing", (data) => {
      if (!data) return;
      service.typingUntil.set(data.account_id, data.typing ? Date.now() + 10_000 : 0);
      changed(data.account_id);
    });
    // What waited while no chat was listening (the welcome's pushes came before it started).
    await service.catchUp(inbox);
    // The browser says the network is back: the socket may have stayed open meanwhile.
    addEventListener("online", () => void outbox.flush());
    void outbox.flush();
    return service;
  }

  private async catchUp(inbox: Inbox): Promise<void> {
    for (;;) {
      const pending = await this.api.get<PendingMessagesResponse>("/chat/messages/pending");
      await inbox.receive(pending.messages);
      if (!pending.more || pending.messages.length === 0) break;
    }
    const receipts = await this.api.get<ReceiptsResponse>("/chat/receipts");
    await this.outbox.delivered(receipts.delivered);
    for (const { account_id, number } of receipts.seen) await this.seen(account_id, number);
  }

  /** The socket (re)connected: what was written meanwhile goes now. */
  connected(): void {
    void this.outbox.flush();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(peer: string): void {
    for (const listener of this.listeners) listener(peer);
  }

  isTyping(peer: string): boolean {
    return (this.typingUntil.get(peer) ?? 0) > Date.now();
  }

  async send(peer: string, text: string): Promise<void> {
    await this.outbox.write(peer, text);
    await this.outbox.flush();
  }

  /** The match read up to `number`: stored, then acknowledged so the server forgets it. */
  private async seen(peer: string, number: number): Promise<void> {
    const marks = await this.store.marks(peer);
    await this.store.saveMarks({ ...marks, seenByPeer: Math.max(marks.seenByPeer, number) });
    this.emit(peer);
    await this.api.post("/chat/seen/ack", { account_id: peer, number });
  }

  /** This device read the conversation up to `number` (the match gets a read receipt). */
  async read(peer: string, number: number): Promise<void> {
    const marks = await this.store.marks(peer);
    if (number <= marks.readByMe) return;
    await this.store.saveMarks({ ...marks, readByMe: number });
    this.emit(peer);
    await this.api.post("/chat/seen", { account_id: peer, number });
  }

  async typing(peer: string, typing: boolean): Promise<void> {
    await this.api.post("/chat/typing", { account_id: peer, typing }).catch(() => undefined);
  }

  /** Unread incoming messages of a conversation. */
  async unread(peer: string): Promise<number> {
    const { readByMe } = await this.store.marks(peer);
    return (await this.store.conversation(peer)).filter(
      (m) => m.direction === "in" && (m.number ?? 0) > readByMe,
    ).length;
  }
}

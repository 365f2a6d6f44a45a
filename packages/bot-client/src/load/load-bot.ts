import type { BotsFile, LoginResponse, MessageEnvelope } from "@venus/model";
import { AccountMethods } from "../account-methods.js";
import { BotLogin } from "../bot-login.js";
import { BOT_CLIENT_VERSION } from "../client-version.js";
import { HttpApi } from "../http-api.js";
import { isVenusApiError } from "../venus-api-error.js";
import { VenusClient } from "../venus-client.js";
import { prepareProfile, setUpAccount, type SetupContext } from "../user-bot/account-setup.js";
import { chooseIdentity } from "../user-bot/bot-identity.js";
import { BotKeyPair, PeerKeys } from "../user-bot/chat-keys.js";
import { ChatResponder, type Act } from "../user-bot/chat-responder.js";
import { RetryGate } from "../user-bot/retry-gate.js";
import { Wakeup, abortableDelay } from "../user-bot/wakeup.js";
import { instrumentHttp, instrumentSocket } from "./instrument.js";
import { SignInRefused, type LoadObserver } from "./load-observer.js";

/** The shortest time between two new browse sessions of a bot (`profile.daily_page_resets` is 200 a day). */
export const BROWSE_RESET_MS = 10_000;
/** The wait before a bot whose socket dropped tries to connect again. */
const RECONNECT_WAIT_MS = 1000;

/** What every load bot of one run shares. */
export interface LoadBotContext {
  url: string;
  settings: BotsFile;
  /** Makes this run's emails unique: `load-<runId>-<n>@load.invalid`. */
  runId: string;
  password: string;
  observer: LoadObserver;
  random: () => number;
  /** Sign in as bot accounts on this loopback bot listener instead of registering by email. */
  botListener?: string;
}

/** Runs a sign-in call; a refusal becomes a SignInRefused naming the route (and so the limit). */
async function signInStep<T>(route: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isVenusApiError(error) ? new SignInRefused(route, error) : error;
  }
}

/** The email of load bot `index` of run `runId`. */
export const loadBotEmail = (runId: string, index: number) => `load-${runId}-${index}@load.invalid`;

/**
 * One load bot: a normal account (email and password, client kind `web`) that sets itself up like a
 * user bot and then, round after round, browses, likes its partners and keeps a conversation going
 * with each match: one encrypted message per match per round, answering what came in since, while
 * acknowledging every message, receipt and send answer as it arrives.
 */
export class LoadBot {
  private client: VenusClient | undefined;
  private responder: ChatResponder | undefined;
  private readonly gate = new RetryGate();
  private readonly liked = new Set<string>();
  private readonly matches = new Set<string>();
  /** Matches this bot owes a message: new ones, and those that wrote since its last message. */
  private readonly owed = new Set<string>();
  /** The socket dropped and is not back yet. */
  private reconnecting = false;
  private browsing: { session: string | undefined; done: boolean; resetAt: number } = {
    session: undefined,
    done: true,
    resetAt: Number.NEGATIVE_INFINITY,
  };

  constructor(
    readonly index: number,
    private readonly context: LoadBotContext,
  ) {}

  /** The account id, once set up. */
  get accountId(): string {
    return this.session().accountId;
  }

  /**
   * Registers, logs in, connects, completes the setup (generated images, a template of the bots
   * file), places itself near the centre, goes public and publishes a key. Rejects at the first
   * step that fails for good, its socket closed.
   */
  async setUp(signal: AbortSignal): Promise<void> {
    const { url, settings, observer, random, botListener } = this.context;
    const asBot = { client: { kind: "bot" as const, version: BOT_CLIENT_VERSION } };
    const client = VenusClient.fromLogin(url, await this.signIn(), {
      via: "ws",
      ...(botListener === undefined ? {} : asBot),
    });
    this.client = client;
    instrumentHttp(client.http, observer, client.accountId);
    client.on("new_message", (message) =>
      observer.clock.delivered(message.sender, message.uuid, performance.now()),
    );
    const setup: SetupContext = {
      client,
      identity: chooseIdentity(settings.profiles, this.index, random),
      users: settings.users,
      random,
      signal,
    };
    try {
      await this.connect();
      await setUpAccount(setup);
      await prepareProfile(setup, true);
      const key = await BotKeyPair.publishNew(client);
      this.responder = new ChatResponder(client, key, new PeerKeys(client), settings.users.reply, this.act);
    } catch (error) {
      await client.close(); // a failed bot plays no further part
      throw error;
    }
  }

  /** A new account's tokens: a bot account on the bot listener, else a registration by email. */
  private async signIn(): Promise<LoginResponse> {
    const { url, runId, password, observer, botListener } = this.context;
    if (botListener !== undefined) {
      const { account_id } = await signInStep("POST /bot/register", () =>
        BotLogin.registerLocal(botListener),
      );
      return signInStep("POST /bot/login", () => BotLogin.loginLocal(botListener, account_id));
    }
    const http = new HttpApi(url);
    instrumentHttp(http, observer);
    const account = new AccountMethods(http);
    const email = loadBotEmail(runId, this.index);
    await signInStep("POST /account/register", () => account.register({ email, password }));
    return signInStep("POST /account/login", () => account.login({ email, password }));
  }

  /**
   * Plays until `signal` aborts: a round every `intervalMs` (±50 %, so the bots do not march in
   * step), and between rounds each event handled as it comes.
   */
  async play(partners: readonly string[], intervalMs: number, signal: AbortSignal): Promise<void> {
    const client = this.session();
    this.chat(); // throws unless set up
    const wakeup = new Wakeup();
    const unsubscribe = client.events.onAny(() => wakeup.wake());
    client.events.clear();
    let nextRound = performance.now();
    try {
      while (!signal.aborted) {
        if (await this.connected(signal)) {
          await this.handleEvents();
          if (!signal.aborted && performance.now() >= nextRound) {
            await this.round(partners);
            nextRound = performance.now() + intervalMs * (0.5 + this.context.random());
          }
        }
        await wakeup.sleep(nextRound - performance.now(), signal);
      }
    } finally {
      unsubscribe();
    }
  }

  /** Leaves the server as it found it as far as a user can: the profile private, the socket closed. */
  async tearDown(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    try {
      if (client.connected) await client.profile.setVisibility("private");
    } catch {
      // Best effort: the run is over.
    }
    await client.close();
  }

  /** See `Act`: failures are counted (requests count their own) and 429/503 hold the kind back. */
  private readonly act: Act = async (kind, action) => {
    if (!this.gate.isOpen(kind, Date.now())) return false;
    try {
      await action();
      return true;
    } catch (error) {
      this.gate.noteFailure(kind, error, Date.now());
      this.context.observer.failure(error);
      return false;
    }
  };

  private session(): VenusClient {
    if (this.client === undefined) throw new Error(`load bot ${this.index} has no session`);
    return this.client;
  }

  private chat(): ChatResponder {
    if (this.responder === undefined) throw new Error(`load bot ${this.index} is not set up`);
    return this.responder;
  }

  /** Connects (again), timed as `ws connect`, and times the new socket's requests. */
  private async connect(): Promise<void> {
    const client = this.session();
    await this.context.observer.timed(
      "ws connect",
      () => client.reconnect(),
      () => undefined,
    );
    const socket = client.lastSocket;
    if (socket !== undefined) instrumentSocket(socket, this.context.observer, client.accountId);
  }

  /**
   * Whether the socket is up; a dropped one is counted (once) and connected again, and the messages
   * it missed are fetched.
   */
  private async connected(signal: AbortSignal): Promise<boolean> {
    const client = this.session();
    if (client.connected) return true;
    if (!this.reconnecting) this.context.observer.recorder?.recordError("connection_lost");
    this.reconnecting = true;
    try {
      await this.connect();
      this.reconnecting = false;
      const { messages } = await client.chat.pending();
      await this.received(messages);
      return true;
    } catch (error) {
      this.context.observer.failure(error);
      await abortableDelay(RECONNECT_WAIT_MS, signal);
      return false;
    }
  }

  /** Everything queued: messages, matches, receipts (likes need nothing: the partner is liked anyway). */
  private async handleEvents(): Promise<void> {
    const responder = this.chat();
    for (let events = this.session().events.drain(); events.length > 0;) {
      const messages: MessageEnvelope[] = [];
      for (const event of events) {
        if (event.event === "new_message") messages.push(event.data);
        else if (event.event === "match") this.matched(event.data.account_id);
        else if (event.event === "delivered") await responder.acknowledgeDelivered(event.data.receipts);
        else if (event.event === "seen") await responder.acknowledgeSeen(event.data);
      }
      await this.received(messages);
      events = this.session().events.drain();
    }
  }

  /** Acknowledges the messages, marks each conversation seen, and owes each sender an answer. */
  private async received(messages: readonly MessageEnvelope[]): Promise<void> {
    if (messages.length === 0) return;
    const client = this.session();
    if (!(await this.act("ack", () => client.chat.ackEnvelopes(messages)))) return;
    const newest = new Map<string, number>();
    for (const { sender, number } of messages) newest.set(sender, Math.max(number, newest.get(sender) ?? 0));
    for (const [account_id, number] of newest) {
      this.owed.add(account_id);
      await this.act("seen", () => client.chat.seen({ account_id, number }));
    }
  }

  private matched(accountId: string): void {
    if (this.matches.has(accountId)) return;
    this.matches.add(accountId);
    this.owed.add(accountId);
  }

  /** One round: a browse page, a like for each partner not liked yet, a message to each match owed one. */
  private async round(partners: readonly string[]): Promise<void> {
    const client = this.session();
    await this.browse();
    for (const partner of partners)
      if (!this.liked.has(partner))
        await this.act("like", async () => {
          const { matched } = await client.chat.like(partner);
          this.liked.add(partner);
          if (matched) this.matched(partner);
        });
    const responder = this.chat();
    for (const recipient of [...this.owed])
      if (await this.act("send", () => responder.send(recipient))) this.owed.delete(recipient);
  }

  /**
   * The next page of the bot's browse session; a new session when there is none, or when the last
   * one has nothing more and BROWSE_RESET_MS has passed since it began.
   */
  private async browse(): Promise<void> {
    const client = this.session();
    const state = this.browsing;
    const now = performance.now();
    if (state.session === undefined || (state.done && now - state.resetAt >= BROWSE_RESET_MS)) {
      const reset = await this.act("browse_reset", async () => {
        state.session = (await client.profile.browseReset()).session_id;
        state.done = false;
        state.resetAt = now;
      });
      if (!reset) return;
    }
    const session = state.session;
    if (state.done || session === undefined) return;
    await this.act("browse", async () => {
      try {
        state.done = (await client.profile.browseNext(session)).done;
      } catch (error) {
        if (isVenusApiError(error, "browse_session_expired")) state.session = undefined;
        throw error;
      }
    });
  }
}

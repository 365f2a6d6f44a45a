import type { BotsFile, DeliveredReceipt, DisconnectReason, MessageEnvelope, Visibility } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { VenusApiError } from "../venus-api-error.js";
import type { VenusClient } from "../venus-client.js";
import { prepareProfile, setUpAccount, type SetupContext } from "./account-setup.js";
import { chooseIdentity } from "./bot-identity.js";
import { BotKeyPair, PeerKeys } from "./chat-keys.js";
import { ChatResponder, type Act } from "./chat-responder.js";
import { randomPointWithin } from "./geo-point.js";
import { Liker } from "./liker.js";
import { shouldMove, visibilityFlip } from "./random-actions.js";
import { RetryGate } from "./retry-gate.js";
import { Wakeup, abortableDelay } from "./wakeup.js";

export interface UserBotOptions {
  /** The bot's number: picks its profile template (`index mod n`) and name. */
  index: number;
  settings: BotsFile;
  log: Logger;
  /** The bot stops (and `runUserBot` resolves) when this aborts. */
  signal: AbortSignal;
  /** Default `Math.random`; a seeded one (see `seededRandom`) makes a bot's choices repeatable. */
  random?: () => number;
}

/** How often pending messages and receipts are also fetched, besides the events that bring them. */
const CATCH_UP_EVERY_MS = 60_000;
/** Waits between reconnect attempts: doubling from the first to the last. */
const RECONNECT_WAIT_MS = { first: 1_000, last: 60_000 };
/** Closes after which a reconnect cannot help: another connection took over, or the session ended. */
const FINAL_DISCONNECTS: readonly DisconnectReason[] = [
  "replaced",
  "logged_out",
  "session_ended",
  "logged_out_by_admin",
  "account_locked",
  "account_deleted",
  "device_signed_out",
  "password_changed",
];

/**
 * Sets the bot's profile up if its account is still in initial_setup, then acts every
 * settings.users.act_every_seconds until `signal` aborts.
 *
 * The client must be signed in and connected (client kind `bot`); the bot takes over its event queue
 * (it drains it) and leaves the socket open when it stops. A normal account (a restarted bot) keeps
 * its profile, and gets its location and public visibility back if it lacks them; every run
 * publishes a new OpenPGP key, whose private half exists only in memory. Each tick the bot likes
 * back received likes, likes one or two profiles it browsed (nearest first), and, when configured,
 * moves or flips its visibility; messages, receipts and likes that arrive as events are handled at
 * once. A failed action is logged (warn) and the loop goes on; a `429`/`503` holds that kind of
 * action back for its `Retry-After`. A dropped socket is reconnected; the returned promise rejects
 * when setup fails, when the account is not usable (banned, being deleted), or when the socket was
 * replaced or its session ended.
 */
export async function runUserBot(client: VenusClient, options: UserBotOptions): Promise<void> {
  const { signal, settings } = options;
  if (signal.aborted) return;
  const random = options.random ?? Math.random;
  const log = options.log.child({ bot: options.index, account_id: client.accountId });
  const wakeup = new Wakeup();
  const stopWaking = client.events.onAny(() => wakeup.wake());
  try {
    const context: SetupContext = {
      client,
      identity: chooseIdentity(settings.profiles, options.index, random),
      users: settings.users,
      random,
      signal,
    };
    const { state } = await client.account.state();
    if (state === "initial_setup") {
      await setUpAccount(context);
      log.info({ name: context.identity.name }, "user bot set up");
    } else if (state !== "normal") {
      throw new Error(`user bot ${client.accountId}: the account is ${state}`);
    }
    if (signal.aborted) return;
    await prepareProfile(context, state === "initial_setup");
    const ownKey = await BotKeyPair.publishNew(client);
    log.info({ key_id: ownKey.keyId }, "user bot ready");
    await new UserBotLoop(client, settings.users, ownKey, log, signal, random, wakeup).run();
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  } finally {
    stopWaking();
  }
}

/** The acting part of a user bot, from a set-up profile and a published key until the abort. */
class UserBotLoop {
  private readonly gate = new RetryGate();
  private readonly liker: Liker;
  private readonly responder: ChatResponder;
  private visibility: Visibility = "public";
  private reconnectWait = RECONNECT_WAIT_MS.first;

  constructor(
    private readonly client: VenusClient,
    private readonly users: BotsFile["users"],
    ownKey: BotKeyPair,
    private readonly log: Logger,
    private readonly signal: AbortSignal,
    private readonly random: () => number,
    private readonly wakeup: Wakeup,
  ) {
    this.liker = new Liker(client, random);
    this.responder = new ChatResponder(client, ownKey, new PeerKeys(client), users.reply, this.act);
  }

  async run(): Promise<void> {
    const interval = this.users.act_every_seconds * 1000;
    let nextTick = Date.now();
    let nextCatchUp = Date.now();
    while (!this.signal.aborted) {
      if (!(await this.ensureConnected())) continue;
      if (Date.now() >= nextCatchUp) {
        await this.responder.catchUp();
        nextCatchUp = Date.now() + CATCH_UP_EVERY_MS;
      }
      await this.handleEvents();
      if (!this.signal.aborted && Date.now() >= nextTick) {
        await this.tick();
        nextTick = Date.now() + interval;
      }
      await this.wakeup.sleep(nextTick - Date.now(), this.signal);
    }
  }

  /** See `Act`: the one place that catches, logs and turns 429/503 into a wait. */
  private readonly act: Act = async (kind, action) => {
    if (this.signal.aborted || !this.gate.isOpen(kind, Date.now())) return false;
    try {
      await action();
      return true;
    } catch (error) {
      if (this.signal.aborted) return false;
      const wait = this.gate.noteFailure(kind, error, Date.now());
      this.log.warn(
        { err: error, action: kind, ...(wait === undefined ? {} : { retry_after_ms: wait }) },
        "user bot action failed",
      );
      return false;
    }
  };

  /** The events queued so far (and those arriving meanwhile): messages, receipts, likes. */
  private async handleEvents(): Promise<void> {
    for (let events = this.client.events.drain(); events.length > 0; events = this.client.events.drain()) {
      const messages: MessageEnvelope[] = [];
      const delivered: DeliveredReceipt[] = [];
      const seen = new Map<string, number>();
      const likes = new Set<string>();
      for (const event of events) {
        if (event.event === "new_message") messages.push(event.data);
        else if (event.event === "delivered") delivered.push(...event.data.receipts);
        else if (event.event === "seen")
          seen.set(event.data.account_id, Math.max(event.data.number, seen.get(event.data.account_id) ?? 0));
        else if (event.event === "like_received") likes.add(event.data.account_id);
      }
      await this.responder.answer(messages);
      await this.responder.acknowledgeDelivered(delivered);
      for (const [account_id, number] of seen) await this.responder.acknowledgeSeen({ account_id, number });
      for (const id of likes) await this.act("like", () => this.liker.like(id, true));
      if (this.signal.aborted) return;
    }
  }

  /** The periodic part: like back, browse and like, move, flip visibility. */
  private async tick(): Promise<void> {
    let likeBack: string[] = [];
    await this.act("received_likes", async () => (likeBack = await this.liker.receivedLikes()));
    for (const id of likeBack) await this.act("like", () => this.liker.like(id, true));
    let chosen: string[] = [];
    await this.act("browse", async () => (chosen = await this.liker.chooseNext()));
    for (const id of chosen) await this.act("like", () => this.liker.like(id));
    if (shouldMove(this.users, this.random))
      await this.act("move", () =>
        this.client.profile.setLocation(randomPointWithin(this.users, this.users.radius_km, this.random)),
      );
    const flip = visibilityFlip(this.users, this.visibility, this.random);
    if (flip !== undefined)
      await this.act("visibility", async () => {
        await this.client.profile.setVisibility(flip);
        this.visibility = flip;
      });
  }

  /**
   * Whether the socket is connected, reconnecting it when it dropped (waiting longer after each
   * failed try). Throws when reconnecting cannot help: the connection was replaced, the session
   * ended, or the tokens are refused.
   */
  private async ensureConnected(): Promise<boolean> {
    if (this.client.connected) return true;
    const closed = await this.client.lastSocket?.closed;
    if (closed?.disconnect !== undefined && FINAL_DISCONNECTS.includes(closed.disconnect))
      throw new Error(`user bot ${this.client.accountId}: the socket closed (${closed.disconnect})`);
    if (this.signal.aborted) return false;
    try {
      await this.client.reconnect();
      this.log.info("user bot reconnected");
      this.reconnectWait = RECONNECT_WAIT_MS.first;
      return true;
    } catch (error) {
      if (error instanceof VenusApiError && error.status === 401) throw error;
      this.log.warn({ err: error, retry_in_ms: this.reconnectWait }, "user bot cannot reconnect");
      await abortableDelay(this.reconnectWait, this.signal);
      this.reconnectWait = Math.min(this.reconnectWait * 2, RECONNECT_WAIT_MS.last);
      return false;
    }
  }
}

import type {
  BotsFile,
  MediaModerationPage,
  MediaModerationRequest,
  ModerationDecisionRequest,
  ModerationQueuePage,
} from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import { isVenusApiError } from "../venus-api-error.js";
import type { VenusClient } from "../venus-client.js";
import type { SocketClosed } from "../venus-socket.js";
import {
  decide,
  imageRules,
  textRules,
  type Decision,
  type ImageItem,
  type ModerationRule,
  type TextItem,
} from "./moderation-rules.js";

export interface ModerationBotOptions {
  rules: BotsFile["moderation"];
  log: Logger;
  signal: AbortSignal;
  /** Default: `imageRules(rules)`; pass your own list to plug in a detector. */
  imageRules?: ModerationRule<ImageItem>[];
  /** Default: `textRules(rules)`; pass your own list to plug in a detector or a language model. */
  textRules?: ModerationRule<TextItem>[];
}

/** The two moderation queues, by their names in `moderation_queue_changed`. */
type QueueName = "images" | "texts";
const QUEUES: readonly QueueName[] = ["images", "texts"];

/** The longest delay setInterval takes (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `signal` aborted: the bot stops (resolves). */
class Stopped extends Error {
  override readonly name = "Stopped";
}

/** The client's socket closed: every HTTP route needs it, so the bot gives up and the caller signs in again. */
export class ModerationBotDisconnected extends Error {
  override readonly name = "ModerationBotDisconnected";
  constructor(readonly closed: SocketClosed | undefined) {
    super(
      closed
        ? `the moderation bot's connection closed (${closed.code}${closed.reason ? ` ${closed.reason}` : ""})`
        : "the moderation bot's client is not connected",
    );
  }
}

/** What one pass over one queue did. */
interface PassCounts {
  accepted: number;
  rejected: number;
  /** Left for the human moderators (no rule decided, a security selfie, a failing rule or call). */
  left: number;
}

/**
 * Decides waiting images, names and texts by the rules whenever a moderation_queue_changed event
 * arrives (and every rules.check_every_seconds as a fallback) until `signal` aborts; what no rule
 * decides stays for the human moderators.
 *
 * - A pass pages through a whole queue (`after`/`next`) from its start, so items queued before the
 *   bot started, or whose event was missed, are found by the first pass or the timer.
 * - Wake-ups coalesce: events that arrive during a pass schedule one more pass of their queue, not
 *   one per event. The timer schedules a pass of both queues.
 * - An item no rule decides stays in the queue for humans; the cursor moves past it, and the bot
 *   remembers it (images by content id, texts by account, field, edit time and value) so later
 *   passes do not ask the rules again — which matters once a slow detector is plugged in. A rule
 *   that throws leaves its item undecided for this pass only.
 * - A failing call is logged and the bot carries on (a failed page ends that queue's pass; the next
 *   event or the timer tries again); `404 not_found` on a decision means a human or a deletion got
 *   there first.
 * - Abort stops the bot at once, even while a call or a rule is still running (its answer is ignored).
 * - The routes need the client's socket, so when it closes the returned promise rejects with
 *   ModerationBotDisconnected: the caller signs in again and starts a new run.
 */
export async function runModerationBot(client: VenusClient, options: ModerationBotOptions): Promise<void> {
  const { rules, signal } = options;
  const log = options.log.child({ bot: "moderation" });
  if (signal.aborted) return;
  const socket = client.connected ? client.lastSocket : undefined;
  if (!socket) throw new ModerationBotDisconnected(undefined);
  // Rejects with Stopped on abort, or with ModerationBotDisconnected when the socket closes.
  let onAbort = () => {};
  const ended = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Stopped());
    signal.addEventListener("abort", onAbort, { once: true });
    void socket.closed.then((closed) => reject(new ModerationBotDisconnected(closed)));
  });
  ended.catch(() => undefined);
  const moderator = new Moderator(client, log, ended, {
    images: options.imageRules ?? imageRules(rules),
    texts: options.textRules ?? textRules(rules),
    acceptOtherImages: rules.accept_other_images,
    acceptOtherTexts: rules.accept_other_texts,
  });

  const due = new Set<QueueName>(QUEUES);
  let wake = () => {};
  const schedule = (queues: readonly QueueName[]) => {
    for (const queue of queues) due.add(queue);
    wake();
  };
  const stopListening = client.on("moderation_queue_changed", ({ queue }) =>
    schedule(QUEUES.includes(queue) ? [queue] : QUEUES),
  );
  const timer = setInterval(
    () => schedule(QUEUES),
    Math.min(MAX_TIMER_MS, Math.max(1, rules.check_every_seconds * 1000)),
  );
  log.info({ check_every_seconds: rules.check_every_seconds }, "moderation bot started");
  try {
    for (;;) {
      if (due.size === 0) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), ended]);
      wake = () => {};
      const queues = QUEUES.filter((queue) => due.has(queue));
      due.clear();
      for (const queue of queues) await moderator.pass(queue);
    }
  } catch (error) {
    if (error instanceof Stopped) {
      log.info("moderation bot stopped");
      return;
    }
    throw error;
  } finally {
    stopListening();
    clearInterval(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

/** Whether the bot must stop rather than log and carry on. */
const isEnd = (error: unknown) => error instanceof Stopped || error instanceof ModerationBotDisconnected;

type ImagePageItem = MediaModerationPage["items"][number];
type TextPageItem = ModerationQueuePage["items"][number];

/** One queue's pages, its item key for remembering undecided items, and how to judge and decide one. */
interface QueueHandling<Item> {
  page(after: string | undefined): Promise<{ items: Item[]; next: string | null }>;
  key(item: Item): string;
  /** What the rules get; `undefined`: left to humans without asking them (with why, for the log). */
  judge(item: Item): Promise<Decision | undefined> | { skip: string };
  post(item: Item, decision: Decision): Promise<unknown>;
  describe(item: Item): Record<string, unknown>;
}

class Moderator {
  /** Per queue: items the rules left undecided that were still waiting at the last look. */
  private readonly undecided: Record<QueueName, Set<string>> = { images: new Set(), texts: new Set() };
  private readonly handling: { images: QueueHandling<ImagePageItem>; texts: QueueHandling<TextPageItem> };

  constructor(
    client: VenusClient,
    private readonly log: Logger,
    /** Rejects when the bot must stop (Stopped, ModerationBotDisconnected). */
    private readonly ended: Promise<never>,
    settings: {
      images: readonly ModerationRule<ImageItem>[];
      texts: readonly ModerationRule<TextItem>[];
      acceptOtherImages: boolean;
      acceptOtherTexts: boolean;
    },
  ) {
    this.handling = {
      images: {
        page: (after) => client.admin.mediaModerationQueue(after),
        // The image's role is part of the key: an image skipped while unchosen is judged once chosen.
        key: (item) => JSON.stringify([item.content_id, item.in_profile, item.security_selfie]),
        judge: (item) => {
          // Security selfies are left to the human moderators whatever the rules say: the selfie
          // exists to check that the person is who their profile images show, which needs a person,
          // and a selfie that breaks a quality rule is for that person to judge too (an automatic
          // rejection would block the owner's identity check on a technicality). An image not (yet)
          // among the profile images is not judged either: nobody else sees it, and a client
          // uploads the selfie before it says which image the selfie is. Choosing it as a profile
          // image raises a moderation event, so the bot comes back to it.
          if (item.security_selfie) return { skip: "security selfie" };
          if (!item.in_profile) return { skip: "not a profile image (yet)" };
          const largest = largestSize(item.sizes);
          if (!largest) return { skip: "no sizes" };
          return decide(settings.images, largest, settings.acceptOtherImages);
        },
        post: (item, decision) => client.admin.moderateMedia(mediaDecision(item, decision)),
        describe: (item) => ({ account_id: item.account_id, content_id: item.content_id }),
      },
      texts: {
        page: (after) => client.admin.profileModerationQueue(after),
        key: (item) => JSON.stringify([item.account_id, item.field, item.changed_at, item.value]),
        judge: (item) =>
          decide(settings.texts, { field: item.field, value: item.value }, settings.acceptOtherTexts),
        post: (item, decision) => client.admin.moderateProfile(textDecision(item, decision)),
        describe: (item) => ({ account_id: item.account_id, field: item.field }),
      },
    };
  }

  /** Pages through one queue once, deciding what the rules decide. */
  async pass(queue: QueueName): Promise<void> {
    const counts =
      queue === "images"
        ? await this.passOver(queue, this.handling.images)
        : await this.passOver(queue, this.handling.texts);
    if (counts) this.log.debug({ queue, ...counts }, "moderation pass done");
  }

  private async passOver<Item>(
    queue: QueueName,
    handling: QueueHandling<Item>,
  ): Promise<PassCounts | undefined> {
    const remembered = this.undecided[queue];
    const stillUndecided = new Set<string>();
    const counts: PassCounts = { accepted: 0, rejected: 0, left: 0 };
    let after: string | undefined;
    do {
      let page: { items: Item[]; next: string | null };
      try {
        page = await this.untilEnd(handling.page(after));
      } catch (error) {
        if (isEnd(error)) throw error;
        this.log.warn({ err: error, queue }, "could not read the moderation queue; trying again later");
        for (const key of stillUndecided) remembered.add(key);
        return undefined;
      }
      for (const item of page.items) {
        const key = handling.key(item);
        if (remembered.has(key)) {
          stillUndecided.add(key);
          counts.left++;
          continue;
        }
        const decision = await this.judge(queue, handling, item);
        if (decision === "failed") {
          counts.left++;
          continue;
        }
        if (decision === undefined) {
          stillUndecided.add(key);
          counts.left++;
          continue;
        }
        if (await this.post(queue, handling, item, decision))
          counts[decision.accept ? "accepted" : "rejected"]++;
        else counts.left++;
      }
      after = page.next ?? undefined;
    } while (after !== undefined);
    // What was not seen again has left the queue (decided by someone, or deleted).
    this.undecided[queue] = stillUndecided;
    return counts;
  }

  /** The rules' decision; `undefined` for humans; "failed" when a rule threw (asked again next pass). */
  private async judge<Item>(
    queue: QueueName,
    handling: QueueHandling<Item>,
    item: Item,
  ): Promise<Decision | undefined | "failed"> {
    try {
      const judged = handling.judge(item);
      if ("skip" in judged) {
        this.log.debug(
          { queue, ...handling.describe(item), why: judged.skip },
          "left for the human moderators",
        );
        return undefined;
      }
      return await this.untilEnd(judged);
    } catch (error) {
      if (isEnd(error)) throw error;
      this.log.warn({ err: error, queue, ...handling.describe(item) }, "a moderation rule failed");
      return "failed";
    }
  }

  /** Posts a decision; false when the call failed (logged). */
  private async post<Item>(
    queue: QueueName,
    handling: QueueHandling<Item>,
    item: Item,
    decision: Decision,
  ): Promise<boolean> {
    const what = { queue, ...handling.describe(item), accept: decision.accept };
    try {
      await this.untilEnd(handling.post(item, decision));
      this.log.info(
        decision.accept ? what : { ...what, category: decision.category, details: decision.details },
        "moderated",
      );
      return true;
    } catch (error) {
      if (isEnd(error)) throw error;
      if (isVenusApiError(error, "not_found")) this.log.debug(what, "no longer waiting for moderation");
      else this.log.warn({ err: error, ...what }, "could not post a moderation decision");
      return false;
    }
  }

  /** `promise`, unless the bot is stopped or disconnected first (its answer is then ignored). */
  private untilEnd<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined);
    return Promise.race([promise, this.ended]);
  }
}

/** The largest of an image's stored sizes (they come largest first; this does not rely on it). */
function largestSize(sizes: ImagePageItem["sizes"]): ImageItem | undefined {
  let largest: ImageItem | undefined;
  for (const { width, height } of sizes)
    if (!largest || width * height > largest.width * largest.height) largest = { width, height };
  return largest;
}

function mediaDecision(item: ImagePageItem, decision: Decision): MediaModerationRequest {
  const target = { account_id: item.account_id, content_id: item.content_id };
  return decision.accept
    ? { ...target, accept: true }
    : { ...target, accept: false, category: decision.category, details: decision.details };
}

function textDecision(item: TextPageItem, decision: Decision): ModerationDecisionRequest {
  // changed_at: a decision never lands on an edit made after the bot read the value.
  const target = { account_id: item.account_id, field: item.field, changed_at: item.changed_at };
  return decision.accept
    ? { ...target, accept: true }
    : { ...target, accept: false, reason: decision.details };
}

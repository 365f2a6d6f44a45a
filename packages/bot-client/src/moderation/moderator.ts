import type { Logger } from "@venus/simple-backend";
import { isVenusApiError } from "../venus-api-error.js";
import type { VenusClient } from "../venus-client.js";
import { isEnd } from "./moderation-bot-errors.js";
import {
  largestSize,
  mediaDecision,
  textDecision,
  type ImagePageItem,
  type TextPageItem,
} from "./moderation-requests.js";
import {
  decide,
  type Decision,
  type ImageItem,
  type ModerationRule,
  type TextItem,
} from "./moderation-rules.js";

/** The two moderation queues, by their names in `moderation_queue_changed`. */
export type QueueName = "images" | "texts";
export const QUEUES: readonly QueueName[] = ["images", "texts"];

/** What one pass over one queue did. */
export interface PassCounts {
  accepted: number;
  rejected: number;
  /** Left for the human moderators (no rule decided, a security selfie, a failing rule or call). */
  left: number;
}

/** One queue's pages, its item key for remembering undecided items, and how to judge and decide one. */
interface QueueHandling<Item> {
  page(after: string | undefined): Promise<{ items: Item[]; next: string | null }>;
  key(item: Item): string;
  /** What the rules get; `undefined`: left to humans without asking them (with why, for the log). */
  judge(item: Item): Promise<Decision | undefined> | { skip: string };
  post(item: Item, decision: Decision): Promise<unknown>;
  describe(item: Item): Record<string, unknown>;
}

export class Moderator {
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
      selfies: readonly ModerationRule<ImageItem>[];
      texts: readonly ModerationRule<TextItem>[];
      /** Whether the images of this account that no rule decides are accepted (else left to humans). */
      acceptOtherImages: (accountId: string) => boolean;
      /** Whether the account is one of the user bots the server runs (generated pictures). */
      localBot: (accountId: string) => boolean;
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
          // The one exception: a selfie in which the faces detector found no face (selfie_needs_face).
          const largest = largestSize(item.sizes);
          if (!largest) return { skip: "no sizes" };
          const image: ImageItem = {
            ...largest,
            analysis: item.analysis,
            faceImage: item.face_image,
            generated: settings.localBot(item.account_id),
          };
          if (item.security_selfie) return decide(settings.selfies, image, false);
          if (!item.in_profile) return { skip: "not a profile image (yet)" };
          return decide(settings.images, image, settings.acceptOtherImages(item.account_id));
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

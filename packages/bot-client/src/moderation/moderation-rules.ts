import type { BotsFile, ModeratorAnalysis, RejectionCategory } from "@venus/model";
import { detectorImageRules } from "./detector-rules.js";

/**
 * What a rule says about an item; `undefined` when it has nothing to say. `rule` (filled in by
 * `decide`) and `score` say what decided, for the audit log.
 */
export type Decision = { rule?: string; score?: number } & (
  { accept: true } | { accept: false; category: RejectionCategory; details: string }
);

/**
 * One rule of the moderation bot. Rules are tried in order and the first decision wins; a rule may
 * be asynchronous, so a detector or a language model can be plugged in as just another rule.
 */
export interface ModerationRule<Item> {
  name: string;
  decide(item: Item): Decision | undefined | Promise<Decision | undefined>;
}

/** An image waiting for moderation, by its largest stored size, with what the detectors found. */
export interface ImageItem {
  width: number;
  height: number;
  /** Null or absent: the detectors were off when it was uploaded. */
  analysis?: ModeratorAnalysis | null;
  /** The owner's first profile image, which must show the owner's face. */
  faceImage?: boolean;
  /** A picture the server's own user bots generated (shapes, never a face): the face rules skip it. */
  generated?: boolean;
}

/** A name or a text waiting for moderation. */
export interface TextItem {
  field: "name" | "text";
  value: string;
}

type Rules = BotsFile["moderation"];

const reject = (category: RejectionCategory, details: string): Decision => ({
  accept: false,
  category,
  details,
});

/**
 * The aspect rule goes first: the largest stored size is capped, so a very long image also looks small.
 * The detector rules follow; the one that accepts (a low nudity score) is last, after every rejection.
 */
export function imageRules(rules: Rules): ModerationRule<ImageItem>[] {
  return [
    {
      name: "image_max_aspect_ratio",
      decide: ({ width, height }) =>
        Math.max(width, height) / Math.max(1, Math.min(width, height)) > rules.image_max_aspect_ratio
          ? reject("low_quality", `the image is longer than ${rules.image_max_aspect_ratio}:1`)
          : undefined,
    },
    {
      name: "image_min_side",
      decide: ({ width, height }) =>
        Math.min(width, height) < rules.image_min_side
          ? reject("low_quality", `the image is smaller than ${rules.image_min_side} px on a side`)
          : undefined,
    },
    ...detectorImageRules(rules),
  ];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function textRules(rules: Rules): ModerationRule<TextItem>[] {
  const list: ModerationRule<TextItem>[] = [];
  if (rules.banned_words.length > 0) {
    const words = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${rules.banned_words.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`,
      "iu",
    );
    list.push({
      name: "banned_words",
      decide: ({ field, value }) =>
        words.test(value) ? reject("other", `the ${field} contains a banned word`) : undefined,
    });
  }
  if (rules.reject_pattern !== "") {
    const pattern = new RegExp(rules.reject_pattern, "iu");
    list.push({
      name: "reject_pattern",
      decide: ({ field, value }) =>
        pattern.test(value) ? reject("other", `the ${field} breaks the community rules`) : undefined,
    });
  }
  return list;
}

/** The first decision of `rules`, else accept when `acceptOthers`, else undecided (left to humans). */
export async function decide<Item>(
  rules: readonly ModerationRule<Item>[],
  item: Item,
  acceptOthers: boolean,
): Promise<Decision | undefined> {
  for (const rule of rules) {
    const decision = await rule.decide(item);
    if (decision) return { rule: rule.name, ...decision };
  }
  return acceptOthers ? { accept: true, rule: "accept_others" } : undefined;
}

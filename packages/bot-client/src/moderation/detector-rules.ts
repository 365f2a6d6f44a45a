import { nudityScore, type BotsFile } from "@venus/model";
import type { Decision, ImageItem, ModerationRule } from "./moderation-rules.js";

/**
 * The moderation bot's rules over the image worker's detector findings (docs/bots.md). Each says
 * nothing about an image uploaded while its detector was off; the server refuses to start with a
 * rule on and its detector off, so that only happens to images from before a change of config.
 */

type Rules = BotsFile["moderation"];

/** Faces found; undefined (no face rule applies) without findings or for a generated bot picture. */
const faceCount = ({ analysis, generated }: ImageItem) => (generated ? undefined : analysis?.faces?.length);

/** Rejections first; the last rule accepts a clearly harmless image that every rejection let pass. */
export function detectorImageRules(rules: Rules): ModerationRule<ImageItem>[] {
  const nudity = ({ analysis }: ImageItem) => (analysis?.nudity ? nudityScore(analysis.nudity) : undefined);
  return [
    {
      name: "nudity_reject_above",
      decide: (item): Decision | undefined => {
        const score = nudity(item);
        return score !== undefined && rules.nudity_reject_above < 1 && score > rules.nudity_reject_above
          ? { accept: false, category: "nudity", details: "the image shows nudity", score }
          : undefined;
      },
    },
    {
      name: "face_image_needs_face",
      decide: (item): Decision | undefined =>
        rules.face_image_needs_face && item.faceImage && faceCount(item) === 0
          ? {
              accept: false,
              category: "not_a_person",
              details: "the first profile image must show your face",
              score: 0,
            }
          : undefined,
    },
    {
      name: "face_image_one_face",
      decide: (item): Decision | undefined => {
        const faces = faceCount(item);
        return rules.face_image_one_face && item.faceImage && faces !== undefined && faces > 1
          ? {
              accept: false,
              category: "other",
              details: "the first profile image must show only you",
              score: faces,
            }
          : undefined;
      },
    },
    {
      name: "nudity_accept_below",
      decide: (item): Decision | undefined => {
        const score = nudity(item);
        return score !== undefined && score < rules.nudity_accept_below ? { accept: true, score } : undefined;
      },
    },
  ];
}

/** A security selfie without a face is refused; any other selfie is for a person to judge. */
export function selfieRules(rules: Rules): ModerationRule<ImageItem>[] {
  return [
    {
      name: "selfie_needs_face",
      decide: (item): Decision | undefined =>
        rules.selfie_needs_face && faceCount(item) === 0
          ? {
              accept: false,
              category: "not_a_person",
              details: "the security selfie must show your face",
              score: 0,
            }
          : undefined,
    },
  ];
}

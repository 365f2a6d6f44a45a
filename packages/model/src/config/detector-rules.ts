import type { DetectorName } from "../media/image-analysis.js";
import type { BotsFile } from "./bots-file.js";

type Rules = BotsFile["moderation"];

/** Each moderation rule that reads a detector's findings, whether it is on, and which detector it needs. */
const DETECTOR_RULES: readonly { rule: keyof Rules; needs: DetectorName; on: (rules: Rules) => boolean }[] = [
  { rule: "nudity_reject_above", needs: "nudity", on: (rules) => rules.nudity_reject_above < 1 },
  { rule: "nudity_accept_below", needs: "nudity", on: (rules) => rules.nudity_accept_below > 0 },
  { rule: "face_image_needs_face", needs: "faces", on: (rules) => rules.face_image_needs_face },
  { rule: "face_image_one_face", needs: "faces", on: (rules) => rules.face_image_one_face },
  { rule: "selfie_needs_face", needs: "faces", on: (rules) => rules.selfie_needs_face },
];

/** The rules that are on but whose detector is not in `media.detectors`: the server refuses to start. */
export function rulesMissingDetectors(
  rules: Rules,
  detectors: readonly DetectorName[],
): { rule: string; needs: DetectorName }[] {
  return DETECTOR_RULES.filter(({ on, needs }) => on(rules) && !detectors.includes(needs)).map(
    ({ rule, needs }) => ({ rule, needs }),
  );
}

import type { RuntimeFlagReader, RuntimeFlags } from "../flags.js";
import type { BotsFile } from "./bots-file.js";

type Rules = BotsFile["moderation"];

/**
 * The moderation rules that are runtime flags too, by flag name. The bots file gives each flag's
 * value until the flag is first set; from then on the flag decides (docs/admin.md#runtime-flags).
 */
export const MODERATION_RULE_FLAGS = {
  moderation_nudity_reject_above: "nudity_reject_above",
  moderation_nudity_accept_below: "nudity_accept_below",
  moderation_face_image_needs_face: "face_image_needs_face",
  moderation_face_image_one_face: "face_image_one_face",
  moderation_selfie_needs_face: "selfie_needs_face",
} as const satisfies Record<string, keyof Rules>;

export type ModerationRuleFlag = keyof typeof MODERATION_RULE_FLAGS;
export const MODERATION_RULE_FLAG_NAMES = Object.keys(MODERATION_RULE_FLAGS) as ModerationRuleFlag[];

/** The rule flags' values before they are first set: the bots file's. */
export function moderationRuleFlagDefaults(rules: Rules): Pick<RuntimeFlags, ModerationRuleFlag> {
  return {
    moderation_nudity_reject_above: rules.nudity_reject_above,
    moderation_nudity_accept_below: rules.nudity_accept_below,
    moderation_face_image_needs_face: rules.face_image_needs_face,
    moderation_face_image_one_face: rules.face_image_one_face,
    moderation_selfie_needs_face: rules.selfie_needs_face,
  };
}

/** The bots file's rules with the rule flags' current values in place of its own. */
export function moderationRulesWithFlags(rules: Rules, flags: RuntimeFlagReader): Rules {
  return {
    ...rules,
    nudity_reject_above: flags.get("moderation_nudity_reject_above"),
    nudity_accept_below: flags.get("moderation_nudity_accept_below"),
    face_image_needs_face: flags.get("moderation_face_image_needs_face"),
    face_image_one_face: flags.get("moderation_face_image_one_face"),
    selfie_needs_face: flags.get("moderation_selfie_needs_face"),
  };
}

import type { BotsFile, Gender } from "@venus/model";
import { randomInt } from "./seeded-random.js";

/** Who user bot number `index` is: taken from its profile template. */
export interface BotIdentity {
  /** Index of the template in `settings.profiles`. */
  template: number;
  name: string;
  /** The profile text (may be empty). */
  text: string;
  age: number;
  gender: Gender;
  lookingFor: Gender[];
  /** Attribute answers as in `PUT /profile` (question id → value ids). */
  attributes: Record<string, number[]>;
}

/**
 * Bot `index` uses template `index mod n`; among the bots of one template (the `k`th is
 * `floor(index / n)`) names, texts and genders go round in order, so they differ where the lists
 * allow. The age is random in the template's range (its ends in either order).
 */
export function chooseIdentity(
  profiles: BotsFile["profiles"],
  index: number,
  random: () => number,
): BotIdentity {
  if (profiles.length === 0) throw new Error("the bots file has no profile templates");
  const whole = Math.max(0, Math.trunc(index));
  const template = whole % profiles.length;
  const chosen = profiles[template] as BotsFile["profiles"][number];
  const k = Math.floor(whole / profiles.length);
  const texts = chosen.texts.length > 0 ? chosen.texts : [""];
  return {
    template,
    name: pick(chosen.names, k),
    text: pick(texts, k),
    age: randomInt(random, chosen.age_min, chosen.age_max),
    gender: pick(chosen.genders, k),
    lookingFor: [...new Set(chosen.looking_for)],
    attributes: chosen.attributes,
  };
}

function pick<T>(items: readonly T[], k: number): T {
  return items[k % items.length] as T;
}

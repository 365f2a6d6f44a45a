import { BotsFile } from "@venus/model";
import { loadConfig } from "@venus/simple-backend";
import { describe, expect, it } from "vitest";
import { decide, imageRules, textRules, type ModerationRule, type TextItem } from "./moderation-rules.js";

const defaults = loadConfig({ schema: BotsFile, envPrefix: "VENUS_NONE__", env: {} }).moderation;
const rules = (changes: Partial<typeof defaults>) => ({ ...defaults, ...changes });

describe("moderation rules", () => {
  it("reject images below the minimum side or beyond the aspect ratio, at the edge exactly", async () => {
    const image = imageRules(rules({ image_min_side: 512, image_max_aspect_ratio: 2 }));
    expect(await decide(image, { width: 512, height: 1024 }, true)).toEqual({
      accept: true,
      rule: "accept_others",
    });
    expect(await decide(image, { width: 511, height: 800 }, true)).toMatchObject({
      accept: false,
      category: "low_quality",
    });
    expect(await decide(image, { width: 600, height: 1201 }, true)).toMatchObject({ accept: false });
    // Nothing flagged and accepting others is off: left to a human.
    expect(await decide(image, { width: 800, height: 800 }, false)).toBeUndefined();
  });

  it("reject names and texts with a banned whole word in any case, or matching the pattern", async () => {
    const text = textRules(rules({ banned_words: ["spam", "c++"], reject_pattern: "https?://" }));
    const verdict = (value: string) => decide(text, { field: "text", value }, true);
    expect(await verdict("Buy SPAM now")).toMatchObject({
      accept: false,
      details: "the text contains a banned word",
    });
    expect(await verdict("I write C++ daily")).toMatchObject({ accept: false });
    expect(await verdict("spammer and spamspam are fine")).toEqual({ accept: true, rule: "accept_others" });
    expect(await verdict("see http://example.com")).toMatchObject({ accept: false });
    expect(await decide(text, { field: "name", value: "Aino" }, false)).toBeUndefined();
  });

  it("take a pluggable asynchronous rule, first decision winning", async () => {
    const detector: ModerationRule<TextItem> = {
      name: "detector",
      decide: async ({ value }) => (value.includes("!") ? { accept: true } : undefined),
    };
    const chain = [...textRules(rules({ banned_words: ["bad"] })), detector];
    expect(await decide(chain, { field: "text", value: "bad!" }, false)).toMatchObject({ accept: false });
    expect(await decide(chain, { field: "text", value: "good!" }, false)).toEqual({
      accept: true,
      rule: "detector",
    });
    expect(await decide(chain, { field: "text", value: "good" }, false)).toBeUndefined();
  });
});

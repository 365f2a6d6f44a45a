import { BotsFile, type ModeratorAnalysis } from "@venus/model";
import { loadConfig } from "@venus/simple-backend";
import { describe, expect, it } from "vitest";
import { selfieRules } from "./detector-rules.js";
import { decide, imageRules, type ImageItem } from "./moderation-rules.js";

const defaults = loadConfig({ schema: BotsFile, envPrefix: "VENUS_NONE__", env: {} }).moderation;
const rules = (changes: Partial<typeof defaults>) => ({ ...defaults, ...changes });
const face = { x: 0.4, y: 0.3, width: 0.2, height: 0.25, score: 0.99 };
const nudity = (explicit: number) => ({
  drawing: 0,
  hentai: explicit / 2,
  neutral: 1 - explicit,
  porn: explicit / 2,
  sexy: 0,
});
const image = (analysis: ModeratorAnalysis | null, faceImage = true): ImageItem => ({
  width: 800,
  height: 800,
  analysis,
  faceImage,
});

describe("detector rules", () => {
  it("reject above the nudity threshold, accept below the lower one, leave the middle to humans", async () => {
    const chain = imageRules(rules({ nudity_reject_above: 0.8, nudity_accept_below: 0.1 }));
    const verdict = (explicit: number) =>
      decide(chain, image({ nudity: nudity(explicit), faces: [face] }), false);
    expect(await verdict(0.81)).toMatchObject({
      accept: false,
      category: "nudity",
      rule: "nudity_reject_above",
    });
    expect(await verdict(0.8)).toBeUndefined();
    expect(await verdict(0.1)).toBeUndefined();
    expect(await verdict(0.09)).toMatchObject({ accept: true, rule: "nudity_accept_below" });
    // Off: 1 never rejects, 0 never accepts.
    const off = imageRules(rules({ nudity_reject_above: 1, nudity_accept_below: 0 }));
    expect(await decide(off, image({ nudity: nudity(1), faces: [face] }), false)).toBeUndefined();
    expect(await decide(off, image({ nudity: nudity(0), faces: [face] }), false)).toBeUndefined();
  });

  it("a low nudity score never accepts what another rule rejects", async () => {
    const chain = imageRules(rules({ face_image_needs_face: true }));
    expect(await decide(chain, image({ nudity: nudity(0), faces: [] }), true)).toMatchObject({
      accept: false,
      category: "not_a_person",
      rule: "face_image_needs_face",
    });
    expect(
      await decide(chain, { ...image({ nudity: nudity(0) }), width: 100, height: 100 }, true),
    ).toMatchObject({
      rule: "image_min_side",
    });
  });

  it("need a face in the first profile image only, and optionally exactly one", async () => {
    const chain = imageRules(rules({ face_image_one_face: true, nudity_accept_below: 0 }));
    expect(await decide(chain, image({ faces: [] }, false), false)).toBeUndefined();
    expect(await decide(chain, image({ faces: [face] }), false)).toBeUndefined();
    expect(await decide(chain, image({ faces: [face, face, face] }), false)).toMatchObject({
      rule: "face_image_one_face",
      score: 3,
    });
    expect(await decide(chain, image({ faces: [face, face] }, false), false)).toBeUndefined();
    const many = imageRules(rules({ face_image_one_face: false, nudity_accept_below: 0 }));
    expect(await decide(many, image({ faces: [face, face] }), false)).toBeUndefined();
  });

  it("skip the face rules for the pictures the server's own bots generate", async () => {
    const chain = imageRules(rules({ nudity_accept_below: 0 }));
    expect(await decide(chain, { ...image({ faces: [] }), generated: true }, false)).toBeUndefined();
    expect(
      await decide(selfieRules(rules({})), { ...image({ faces: [] }, false), generated: true }, false),
    ).toBeUndefined();
  });

  it("say nothing about images uploaded with the detectors off", async () => {
    const chain = imageRules(rules({}));
    expect(await decide(chain, image(null), false)).toBeUndefined();
    expect(await decide(selfieRules(rules({})), image(null, false), false)).toBeUndefined();
  });

  it("refuse a security selfie without a face and leave the others to humans", async () => {
    const chain = selfieRules(rules({}));
    expect(await decide(chain, image({ faces: [] }, false), false)).toMatchObject({
      category: "not_a_person",
      rule: "selfie_needs_face",
    });
    expect(await decide(chain, image({ faces: [face] }, false), false)).toBeUndefined();
    expect(
      await decide(selfieRules(rules({ selfie_needs_face: false })), image({ faces: [] }, false), false),
    ).toBeUndefined();
  });
});

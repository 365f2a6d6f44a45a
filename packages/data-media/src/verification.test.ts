import { describe, expect, it } from "vitest";
import type { Content } from "./media-entities.js";
import { faceSimilarity, reverify, UNVERIFIED } from "./verification.js";

const descriptor = (offset: number) => Array.from({ length: 128 }, (_, i) => (i === 0 ? offset : 0));
const item = (id: string, face: number[] | undefined): Content => ({
  id,
  accountId: "a",
  state: "waiting",
  rejection: null,
  files: [],
  uploadedAt: 0,
  moderatedAt: null,
  decision: null,
  deletedAt: null,
  analysis: face ? { faces: [], face_descriptor: face } : { faces: [] },
});

describe("verification", () => {
  it("measures similarity as 1 − descriptor distance, never below 0", () => {
    expect(faceSimilarity(descriptor(0), descriptor(0))).toBe(1);
    expect(faceSimilarity(descriptor(0), descriptor(0.6))).toBeCloseTo(0.4, 10);
    expect(faceSimilarity(descriptor(0), descriptor(3))).toBe(0);
  });

  it("verifies at the threshold, sends anything below or without a face to a human", () => {
    const selfie = item("s", descriptor(0));
    expect(reverify(UNVERIFIED, selfie, item("f", descriptor(0.5)), 0.5)).toMatchObject({
      state: "verified",
      selfieId: "s",
      faceId: "f",
    });
    expect(reverify(UNVERIFIED, selfie, item("f", descriptor(0.51)), 0.5).state).toBe("pending");
    const noFace = reverify(UNVERIFIED, selfie, item("f", undefined), 0.45);
    expect(noFace).toEqual({ state: "pending", selfieId: "s", faceId: "f", similarity: null });
    expect(reverify(UNVERIFIED, undefined, item("f", descriptor(0)), 0.45)).toEqual(UNVERIFIED);
  });

  it("keeps a human's decision for the same pair and loses verification for a new face image that does not match", () => {
    const selfie = item("s", descriptor(0));
    const byHuman = { state: "verified" as const, selfieId: "s", faceId: "f", similarity: 0.1 };
    expect(reverify(byHuman, selfie, item("f", descriptor(0.9)), 0.45)).toBe(byHuman);
    expect(reverify(byHuman, selfie, item("g", descriptor(0.9)), 0.45)).toMatchObject({
      state: "pending",
      faceId: "g",
    });
    expect(reverify(byHuman, selfie, item("h", descriptor(0.1)), 0.45).state).toBe("verified");
  });
});

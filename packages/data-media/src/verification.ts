import type { Content, MediaAccount } from "./media-entities.js";

/**
 * Verified profiles: the security selfie's face compared with the face image's (the first profile
 * image) by the faces detector's descriptors. Pure; `profile-content.ts` applies it whenever the
 * selfie or the face image changes, and an admin decides what it leaves `pending`.
 *
 * - `verified`: similar enough (automatically), or a human said so for this selfie and face image.
 * - `pending`: both images are there but the faces are not similar enough, or one has no
 *   descriptor (no face found, detectors off): waits in the human verification queue.
 * - `unverified`: no selfie or no face image yet, or a human said no for this pair.
 */
export type VerificationState = "unverified" | "pending" | "verified";

export interface Verification {
  state: VerificationState;
  /** The selfie and face image the state is about; null when either is missing. */
  selfieId: string | null;
  faceId: string | null;
  /** Selfie ↔ face image similarity (0–1); null without both descriptors. */
  similarity: number | null;
}

export const UNVERIFIED: Verification = {
  state: "unverified",
  selfieId: null,
  faceId: null,
  similarity: null,
};

/**
 * 1 − the Euclidean distance of two face descriptors, at least 0. face-api's usual "same person"
 * distance, 0.6, is a similarity of 0.4.
 */
export function faceSimilarity(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return Math.max(0, 1 - Math.sqrt(sum));
}

/** The similarity of an image to the selfie, or null when either has no face descriptor. */
export function similarityToSelfie(selfie: Content | undefined, image: Content | undefined): number | null {
  const [a, b] = [selfie?.analysis?.face_descriptor, image?.analysis?.face_descriptor];
  return a && b ? faceSimilarity(a, b) : null;
}

/**
 * The state after the selfie or the face image may have changed. The same pair keeps its state
 * (a human's decision stands); a new pair is judged afresh, so a verified account whose new face
 * image does not match loses verification.
 */
export function reverify(
  current: Verification,
  selfie: Content | undefined,
  face: Content | undefined,
  minSimilarity: number,
): Verification {
  if (!selfie || !face) return UNVERIFIED;
  if (current.selfieId === selfie.id && current.faceId === face.id) return current;
  const similarity = similarityToSelfie(selfie, face);
  const state = similarity !== null && similarity >= minSimilarity ? "verified" : "pending";
  return { state, selfieId: selfie.id, faceId: face.id, similarity };
}

/** The account's selfie and face image, as content items. */
export function verificationPair(
  account: MediaAccount,
  content: ReadonlyMap<string, Content>,
): { selfie: Content | undefined; face: Content | undefined } {
  return {
    selfie: account.securitySelfie === null ? undefined : content.get(account.securitySelfie),
    face: account.images[0] === undefined ? undefined : content.get(account.images[0]),
  };
}

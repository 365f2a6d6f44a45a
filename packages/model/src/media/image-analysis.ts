import { Type, type Static } from "@sinclair/typebox";

/**
 * What the image worker's detectors found in an image (docs/image-worker.md, Detectors). Stored with
 * the content item and shown to moderators and the moderation bot, never to other users.
 */

export const DETECTORS = ["nudity", "faces"] as const;
export type DetectorName = (typeof DETECTORS)[number];
export const DetectorName = Type.Union(DETECTORS.map((name) => Type.Literal(name)));

/** Most faces reported per image (largest first); more are not counted. */
export const MAX_FACES = 20;
/** Length of a face descriptor (face-api's recognition net, a 128-d embedding). */
export const FACE_DESCRIPTOR_LENGTH = 128;

const probability = Type.Number({ minimum: 0, maximum: 1 });

/** The NSFW classifier's five classes; they sum to about 1. */
export const NudityScores = Type.Object(
  { drawing: probability, hentai: probability, neutral: probability, porn: probability, sexy: probability },
  { additionalProperties: false },
);
export type NudityScores = Static<typeof NudityScores>;

/** A face's box as fractions of the image's width and height, and the detector's confidence. */
export const DetectedFace = Type.Object(
  { x: probability, y: probability, width: probability, height: probability, score: probability },
  { additionalProperties: false },
);
export type DetectedFace = Static<typeof DetectedFace>;

export const FaceDescriptor = Type.Array(Type.Number(), {
  minItems: FACE_DESCRIPTOR_LENGTH,
  maxItems: FACE_DESCRIPTOR_LENGTH,
  description: "The largest face's embedding; descriptors of one person are close (Euclidean distance).",
});

export const ImageAnalysis = Type.Object(
  {
    nudity: Type.Optional(NudityScores),
    faces: Type.Optional(Type.Array(DetectedFace, { maxItems: MAX_FACES, description: "Largest first." })),
    face_descriptor: Type.Optional(FaceDescriptor),
  },
  { additionalProperties: false },
);
export type ImageAnalysis = Static<typeof ImageAnalysis>;

/** The nudity score the rules compare: the classes that mean explicit content. */
export const nudityScore = (scores: NudityScores): number => scores.porn + scores.hentai;

import { Type, type Static } from "@sinclair/typebox";
import { ImageAnalysis } from "./image-analysis.js";
import { AccountId } from "../ids.js";
import { NextPageCursor } from "../profile/moderation-schemas.js";
import { IMAGE_FAILURE_REASONS } from "./image-worker-messages.js";

/** Content ids are random, URL-safe and also the image worker's job id (file names). */
export const ContentId = Type.String({
  pattern: "^[A-Za-z0-9_-]{22}$",
  description: "Content id: 22 URL-safe characters.",
});
export type ContentId = Static<typeof ContentId>;

export const ProcessingId = Type.String({
  pattern: "^[A-Za-z0-9_-]{22}$",
  description: "Processing id of one upload: 22 URL-safe characters.",
});

export const CONTENT_STATES = ["waiting", "accepted", "rejected"] as const;
export const ContentState = Type.Union(
  CONTENT_STATES.map((state) => Type.Literal(state)),
  { description: "Moderation state: new content is `waiting` until a moderator decides." },
);
export type ContentState = (typeof CONTENT_STATES)[number];

export const REJECTION_CATEGORIES = [
  "nudity",
  "violence",
  "not_a_person",
  "not_the_owner",
  "low_quality",
  "hate_or_offensive",
  "minor",
  "other",
] as const;
export const RejectionCategory = Type.Union(REJECTION_CATEGORIES.map((c) => Type.Literal(c)));
export type RejectionCategory = (typeof REJECTION_CATEGORIES)[number];

export const ContentRejection = Type.Object({
  category: RejectionCategory,
  details: Type.String({ description: "The moderator's note to the owner; may be empty." }),
});
export type ContentRejection = Static<typeof ContentRejection>;

export const ContentSize = Type.Object({
  size: Type.Integer({ description: "The configured long-edge size, the value of `?size=`." }),
  width: Type.Integer(),
  height: Type.Integer(),
});
export type ContentSize = Static<typeof ContentSize>;

/** One of the owner's content items, as the owner sees it. */
export const OwnContentItem = Type.Object({
  content_id: ContentId,
  state: ContentState,
  rejection: Type.Union([ContentRejection, Type.Null()]),
  sizes: Type.Array(ContentSize, { description: "Largest first." }),
  uploaded_at: Type.Integer({ description: "Unix ms." }),
  in_use: Type.Boolean({ description: "In the profile content or the security selfie." }),
});
export type OwnContentItem = Static<typeof OwnContentItem>;

export const OwnContentResponse = Type.Object({
  items: Type.Array(OwnContentItem, { description: "Oldest first; deleted content is not listed." }),
  max_items: Type.Integer({ description: "How many items the account may store." }),
  uploads_left_today: Type.Integer(),
  version: Type.Integer({ description: "The `media_content` sync version." }),
});
export type OwnContentResponse = Static<typeof OwnContentResponse>;

export const FaceCrop = Type.Object(
  {
    x: Type.Number({ minimum: 0, maximum: 1, description: "Left edge, as a fraction of the image width." }),
    y: Type.Number({ minimum: 0, maximum: 1, description: "Top edge, as a fraction of the image height." }),
    size: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      description: "Side of the square, as a fraction of the image's shorter side.",
    }),
  },
  { additionalProperties: false, description: "The square of the face image shown in the grid." },
);
export type FaceCrop = Static<typeof FaceCrop>;

export const SetProfileContentRequest = Type.Object(
  {
    images: Type.Array(ContentId, {
      minItems: 1,
      maxItems: 6,
      uniqueItems: true,
      description: "1–6 of the account's own content ids; the first is the face image.",
    }),
    crop: Type.Optional(FaceCrop),
  },
  { additionalProperties: false },
);
export type SetProfileContentRequest = Static<typeof SetProfileContentRequest>;

export const SetSecuritySelfieRequest = Type.Object(
  { content_id: ContentId },
  { additionalProperties: false },
);
export type SetSecuritySelfieRequest = Static<typeof SetSecuritySelfieRequest>;

export const ProfileContentImage = Type.Object({
  content_id: ContentId,
  state: ContentState,
  sizes: Type.Array(ContentSize, { description: "Largest first." }),
});
export type ProfileContentImage = Static<typeof ProfileContentImage>;

export const ProfileContentResponse = Type.Object({
  account_id: AccountId,
  images: Type.Array(ProfileContentImage, {
    description:
      "In order; the first is the face image. Others see only accepted images; the owner and admins see all.",
  }),
  crop: Type.Union([FaceCrop, Type.Null()], { description: "Applies to the first image; null when none." }),
  security_selfie: Type.Optional(
    Type.Union([ProfileContentImage, Type.Null()], { description: "Only for the owner and admins." }),
  ),
  verified: Type.Boolean({
    description:
      "The security selfie's face matches the first profile image's (automatically or by a human).",
  }),
  verification: Type.Optional(
    Type.Union([Type.Literal("unverified"), Type.Literal("pending"), Type.Literal("verified")], {
      description: "Only for the owner and admins; pending: waits for a human.",
    }),
  ),
  version: Type.Integer({ description: "Changes whenever the answer may change." }),
});
export type ProfileContentResponse = Static<typeof ProfileContentResponse>;

export const PROCESSING_FAILURE_REASONS = [
  ...IMAGE_FAILURE_REASONS.filter((reason) => reason !== "internal"),
  "timeout",
  "worker_crashed",
  "server_stopping",
  "internal",
] as const;
export type ProcessingFailureReason = (typeof PROCESSING_FAILURE_REASONS)[number];

export const ProcessingState = Type.Union([
  Type.Object({
    state: Type.Literal("in_queue"),
    position: Type.Integer({ minimum: 1, description: "1 = next." }),
  }),
  Type.Object({ state: Type.Literal("processing") }),
  Type.Object({ state: Type.Literal("completed"), content_id: ContentId }),
  Type.Object({
    state: Type.Literal("failed"),
    reason: Type.Union(PROCESSING_FAILURE_REASONS.map((reason) => Type.Literal(reason))),
  }),
]);
export type ProcessingState = Static<typeof ProcessingState>;

/** The answer to an upload, the polling route, and the data of `content_processing_state` events. */
export const ProcessingStatus = Type.Intersect([
  Type.Object({ processing_id: ProcessingId }),
  ProcessingState,
]);
export type ProcessingStatus = Static<typeof ProcessingStatus>;

/** Detector findings as moderators see them: scores and boxes, not the face descriptor. */
export const ModeratorAnalysis = Type.Omit(ImageAnalysis, ["face_descriptor"]);
export type ModeratorAnalysis = Static<typeof ModeratorAnalysis>;

export const MediaModerationPage = Type.Object({
  items: Type.Array(
    Type.Object({
      account_id: AccountId,
      content_id: ContentId,
      uploaded_at: Type.Integer({ description: "Unix ms." }),
      sizes: Type.Array(ContentSize),
      security_selfie: Type.Boolean({ description: "Currently the owner's security selfie." }),
      in_profile: Type.Boolean({ description: "Currently one of the owner's profile images." }),
      face_image: Type.Boolean({
        description: "Currently the owner's first profile image (the face image).",
      }),
      analysis: Type.Union([ModeratorAnalysis, Type.Null()], {
        description: "What the image worker's detectors found; null when they were off at upload.",
      }),
    }),
  ),
  next: NextPageCursor,
});
export type MediaModerationPage = Static<typeof MediaModerationPage>;

/** The rule and score of an automatic decision, as stored with the content item. */
export const AutomaticDecision = Type.Object({
  rule: Type.String({ description: "The moderation bot's rule that decided." }),
  score: Type.Union([Type.Number(), Type.Null()], { description: "The score the rule compared." }),
});

/** A content item as moderators see it in an account's content: the owner's view and more. */
export const AdminContentItem = Type.Composite([
  OwnContentItem,
  Type.Object({
    analysis: Type.Union([ModeratorAnalysis, Type.Null()], {
      description: "What the image worker's detectors found; null when they were off at upload.",
    }),
    decision: Type.Union([AutomaticDecision, Type.Null()], {
      description: "The automatic decision's rule and score; null while waiting or when a person decided.",
    }),
    moderated_at: Type.Union([Type.Integer(), Type.Null()], { description: "Unix ms; null while waiting." }),
  }),
]);
export type AdminContentItem = Static<typeof AdminContentItem>;

export const AdminContentResponse = Type.Composite([
  Type.Omit(OwnContentResponse, ["items"]),
  Type.Object({
    items: Type.Array(AdminContentItem, { description: "Oldest first; deleted content is not listed." }),
  }),
]);
export type AdminContentResponse = Static<typeof AdminContentResponse>;

export const MediaModerationRequest = Type.Object(
  {
    account_id: AccountId,
    content_id: ContentId,
    accept: Type.Boolean(),
    category: Type.Optional(RejectionCategory),
    details: Type.Optional(Type.String({ maxLength: 1000, description: "Shown to the owner." })),
    rule: Type.Optional(
      Type.String({
        pattern: "^[a-z0-9_]{1,64}$",
        description: "An automatic decision: the rule that decided (kept in the audit log).",
      }),
    ),
    score: Type.Optional(Type.Number({ description: "An automatic decision: the score the rule compared." })),
  },
  { additionalProperties: false, description: "A rejection needs a category." },
);
export type MediaModerationRequest = Static<typeof MediaModerationRequest>;

export const VerificationState = Type.Union([
  Type.Literal("unverified"),
  Type.Literal("pending"),
  Type.Literal("verified"),
]);

/** Accounts whose selfie and face image a human must compare (docs/protocol.md, Verified profiles). */
export const VerificationQueue = Type.Object({
  items: Type.Array(
    Type.Object({
      account_id: AccountId,
      security_selfie: ContentId,
      images: Type.Array(
        Type.Object({
          content_id: ContentId,
          similarity: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
            description:
              "Face similarity to the selfie (1 − descriptor distance); null without a face in either.",
          }),
        }),
        { description: "The profile images in order; the first is the one verification compares." },
      ),
      edited_at: Type.Integer({ description: "Unix ms of the owner's last media change." }),
    }),
    { description: "Oldest change first; at most media.moderation_page_size." },
  ),
});
export type VerificationQueue = Static<typeof VerificationQueue>;

export const VerificationDecisionRequest = Type.Object(
  {
    account_id: AccountId,
    security_selfie: ContentId,
    face_image: ContentId,
    verified: Type.Boolean(),
  },
  {
    additionalProperties: false,
    description: "Names the pair judged: a decision on a pair the owner has since changed is 404.",
  },
);
export type VerificationDecisionRequest = Static<typeof VerificationDecisionRequest>;

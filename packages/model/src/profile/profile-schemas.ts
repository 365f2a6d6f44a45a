import { Type, type Static } from "@sinclair/typebox";
import { Gender } from "../account/account-requests.js";
import { AccountId } from "../ids.js";
import { AttributeAnswers } from "./attributes.js";

export const VISIBILITIES = ["private", "public"] as const;
export const Visibility = Type.Union(VISIBILITIES.map((v) => Type.Literal(v)));
export type Visibility = (typeof VISIBILITIES)[number];

export const MODERATION_STATES = ["pending", "accepted", "rejected"] as const;
export const ModerationState = Type.Union(MODERATION_STATES.map((s) => Type.Literal(s)));
export type ModerationState = (typeof MODERATION_STATES)[number];

export const ModeratedText = Type.Object({
  value: Type.String(),
  state: ModerationState,
  /** Why it was rejected, when it was. */
  reason: Type.Optional(Type.String()),
});
export type ModeratedText = Static<typeof ModeratedText>;

const Age = Type.Integer({ minimum: 18, maximum: 99 });

export const AgeRange = Type.Object({ min: Age, max: Age }, { additionalProperties: false });
export type AgeRange = Static<typeof AgeRange>;

/** The profile fields an owner edits in one `PUT /profile`. */
export const ProfileEditRequest = Type.Object(
  {
    name: Type.String({ maxLength: 400 }),
    text: Type.String({ maxLength: 8000 }),
    age: Age,
    gender: Gender,
    wanted_genders: Type.Array(Gender, { minItems: 1, maxItems: 3, uniqueItems: true }),
    wanted_age: AgeRange,
    unlimited_likes: Type.Boolean(),
    attributes: Type.Optional(AttributeAnswers),
  },
  { additionalProperties: false },
);
export type ProfileEditRequest = Static<typeof ProfileEditRequest>;

export const LocationRequest = Type.Object(
  {
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
export type LocationRequest = Static<typeof LocationRequest>;

export const VisibilityRequest = Type.Object({ visibility: Visibility }, { additionalProperties: false });

export const PrivacySettings = Type.Object(
  {
    show_last_seen: Type.Boolean({ description: "Others see when you were last online." }),
    show_online: Type.Boolean({ description: "Others see that you are online now." }),
  },
  { additionalProperties: false },
);
export type PrivacySettings = Static<typeof PrivacySettings>;

/** The owner's own profile, with moderation states, exact location and settings. */
export const OwnProfile = Type.Object({
  account_id: AccountId,
  version: Type.Integer(),
  name: ModeratedText,
  text: ModeratedText,
  age: Type.Integer(),
  allowed_age: AgeRange,
  gender: Gender,
  wanted_genders: Type.Array(Gender),
  wanted_age: AgeRange,
  unlimited_likes: Type.Boolean(),
  attributes: AttributeAnswers,
  location: Type.Union([LocationRequest, Type.Null()]),
  visibility: Visibility,
  privacy: PrivacySettings,
});
export type OwnProfile = Static<typeof OwnProfile>;

/**
 * What a viewer sees change without the profile's version moving: the distance (the viewer moves too)
 * and the presence. Every answer carries it, `unchanged` ones too.
 */
const ProfileLive = {
  distance_km: Type.Union([Type.Integer(), Type.Null()], {
    description: "Whole kilometres; null without locations.",
  }),
  last_seen: Type.Union([Type.Integer(), Type.Null()], { description: "Unix ms; null when hidden." }),
  online: Type.Union([Type.Boolean(), Type.Null()], { description: "Null when hidden." }),
  verified: Type.Boolean({
    description: "The security selfie matches the face image (docs/protocol.md, verified profiles).",
  }),
};

/** Another account's profile as a viewer sees it: accepted texts only, no location. */
export const ProfileView = Type.Object({
  account_id: AccountId,
  version: Type.Integer(),
  name: Type.Union([Type.String(), Type.Null()], { description: "Null until moderation accepts it." }),
  text: Type.Union([Type.String(), Type.Null()]),
  age: Type.Integer(),
  gender: Gender,
  unlimited_likes: Type.Boolean(),
  attributes: AttributeAnswers,
  ...ProfileLive,
});
export type ProfileView = Static<typeof ProfileView>;

export const ProfileResponse = Type.Union([
  Type.Object({ unchanged: Type.Literal(true), version: Type.Integer(), ...ProfileLive }),
  Type.Object({ unchanged: Type.Literal(false), profile: ProfileView }),
]);
export type ProfileResponse = Static<typeof ProfileResponse>;
export type ProfileLiveView = Pick<ProfileView, keyof typeof ProfileLive>;

/** The profile's new version, after a change of its location, visibility or privacy. */
export const ProfileVersion = Type.Object({ version: Type.Integer() });
export type ProfileVersion = Static<typeof ProfileVersion>;

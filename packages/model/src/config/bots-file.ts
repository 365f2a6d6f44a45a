import { Type, type Static } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";
import { Gender } from "../account/account-requests.js";

const ProfileTemplate = Type.Object(
  {
    names: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1 }),
    texts: Type.Array(Type.String({ maxLength: 2000 }), { default: [""] }),
    age_min: Type.Integer({ minimum: 18, maximum: 99, default: 20 }),
    age_max: Type.Integer({ minimum: 18, maximum: 99, default: 50 }),
    genders: Type.Array(Gender, { minItems: 1 }),
    looking_for: Type.Array(Gender, { minItems: 1, default: ["man", "woman", "non_binary"] }),
    attributes: Type.Record(Type.String(), Type.Array(Type.Integer()), {
      default: {},
      description: "Attribute answers (question id → value ids), as in PUT /profile.",
    }),
  },
  { additionalProperties: false },
);
export type ProfileTemplate = Static<typeof ProfileTemplate>;

/** The bots config file (`bots.file`, TOML): what user bots look like and do, and the moderation bot's rules. */
export const BotsFile = Type.Object(
  {
    users: configSection("User bots.", {
      latitude: Type.Number({
        minimum: -90,
        maximum: 90,
        default: 60.1699,
        description: "Centre of the bots' locations.",
      }),
      longitude: Type.Number({ minimum: -180, maximum: 180, default: 24.9384 }),
      radius_km: Type.Number({
        minimum: 0,
        maximum: 1000,
        default: 10,
        description: "Bots live within this distance of the centre.",
      }),
      act_every_seconds: Type.Number({
        exclusiveMinimum: 0,
        default: 5,
        description: "How often each bot acts.",
      }),
      reply: Type.String({
        default: "Hello! I am a Venus bot.",
        description: "What a bot answers to every message.",
      }),
      move: Type.Boolean({ default: false, description: "Move to a random point in the area now and then." }),
      flip_visibility: Type.Boolean({
        default: false,
        description: "Go private and public again now and then.",
      }),
    }),
    profiles: Type.Array(ProfileTemplate, {
      default: [
        {
          names: ["Aino", "Helmi", "Saara", "Veera"],
          texts: ["A bot who likes long walks."],
          age_min: 22,
          age_max: 45,
          genders: ["woman"],
          looking_for: ["man"],
          attributes: {},
        },
        {
          names: ["Eero", "Juho", "Lauri", "Niko"],
          texts: ["A bot who likes coffee."],
          age_min: 22,
          age_max: 45,
          genders: ["man"],
          looking_for: ["woman"],
          attributes: {},
        },
      ],
      minItems: 1,
      description: "Profile templates; bot n uses template n mod the count.",
    }),
    moderation: configSection("The moderation bot's rules; what no rule decides goes to the human queue.", {
      check_every_seconds: Type.Number({
        exclusiveMinimum: 0,
        default: 60,
        description: "Fallback when no moderation event arrives.",
      }),
      image_min_side: Type.Integer({
        minimum: 0,
        default: 512,
        description: "Reject images whose shorter side (largest size) is below this.",
      }),
      image_max_aspect_ratio: Type.Number({
        minimum: 1,
        default: 2.5,
        description: "Reject images longer than this ratio.",
      }),
      nudity_reject_above: Type.Number({
        minimum: 0,
        maximum: 1,
        default: 0.9,
        description:
          "Reject images (nudity) whose nudity score (the detector's porn + hentai) is above this; 1 switches the rule off. Needs the nudity detector.",
      }),
      nudity_accept_below: Type.Number({
        minimum: 0,
        maximum: 1,
        default: 0.1,
        description:
          "Accept profile images whose nudity score is below this when no other rule rejects them (else humans decide); 0 switches the rule off. Needs the nudity detector.",
      }),
      face_image_needs_face: Type.Boolean({
        default: true,
        description:
          "Reject a first profile image in which no face was found (not_a_person). Needs the faces detector.",
      }),
      face_image_one_face: Type.Boolean({
        default: false,
        description:
          "Reject a first profile image with more than one face (other). Needs the faces detector.",
      }),
      selfie_needs_face: Type.Boolean({
        default: true,
        description:
          "Reject a security selfie in which no face was found (not_a_person); other selfies stay with humans. Needs the faces detector.",
      }),
      accept_other_images: Type.Boolean({
        default: false,
        description: "Accept images no rule rejects (else leave them to humans).",
      }),
      accept_local_bot_images: Type.Boolean({
        default: true,
        description:
          "Accept the profile images no rule rejects of the user bots the server runs itself (their pictures are generated, never of a person); everyone else's follow accept_other_images.",
      }),
      banned_words: Type.Array(Type.String({ minLength: 1 }), {
        default: [],
        description: "Reject names and texts containing one (case-insensitive, whole words).",
      }),
      reject_pattern: Type.String({
        default: "",
        description:
          "Reject names and texts matching this regular expression (unicode, case-insensitive); empty: none.",
      }),
      accept_other_texts: Type.Boolean({
        default: true,
        description: "Accept names and texts no rule rejects (else leave them to humans).",
      }),
    }),
  },
  { additionalProperties: false },
);
export type BotsFile = Static<typeof BotsFile>;

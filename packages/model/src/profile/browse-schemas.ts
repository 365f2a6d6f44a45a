import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";
import { AttributeFilters } from "./attributes.js";

const Km = Type.Number({ minimum: 0, maximum: 40075 });
const UnixMs = Type.Integer({ minimum: 0, description: "Unix milliseconds." });

/** Browse filters; all of them must hold (AND). Each side's gender and age wishes always apply too. */
export const BrowseFilters = Type.Object(
  {
    min_distance_km: Type.Optional(Km),
    max_distance_km: Type.Optional(Km),
    attributes: Type.Optional(AttributeFilters),
    last_seen_within_seconds: Type.Optional(
      Type.Integer({ minimum: 0, description: "Online now, or seen at most this long ago." }),
    ),
    created_after: Type.Optional(UnixMs),
    edited_after: Type.Optional(UnixMs),
    text_length: Type.Optional(
      Type.Object(
        {
          min: Type.Optional(Type.Integer({ minimum: 0 })),
          max: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { additionalProperties: false, description: "Accepted profile text length in characters." },
      ),
    ),
    unlimited_likes_only: Type.Optional(Type.Boolean()),
    verified_only: Type.Optional(Type.Boolean({ description: "Only verified profiles." })),
  },
  { additionalProperties: false },
);
export type BrowseFilters = Static<typeof BrowseFilters>;

export const BrowseResetRequest = Type.Object(
  {
    filters: Type.Optional(BrowseFilters),
    random_start: Type.Optional(
      Type.Boolean({
        description: "Start at a random distance up to profile.random_start_max_km instead of at 0.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type BrowseResetRequest = Static<typeof BrowseResetRequest>;

export const BrowseResetResponse = Type.Object({ session_id: Type.String() });
export type BrowseResetResponse = Static<typeof BrowseResetResponse>;

export const BrowseNextRequest = Type.Object(
  { session_id: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
export type BrowseNextRequest = Static<typeof BrowseNextRequest>;

export const BrowseItem = Type.Object({
  account_id: AccountId,
  version: Type.Integer(),
  distance_km: Type.Integer({ description: "Whole kilometres." }),
  last_seen: Type.Union([Type.Integer(), Type.Null()], {
    description: "Unix ms; null when hidden or never.",
  }),
  online: Type.Union([Type.Boolean(), Type.Null()], { description: "Null when hidden." }),
  verified: Type.Boolean({ description: "The profile is verified (security selfie matches)." }),
});
export type BrowseItem = Static<typeof BrowseItem>;

export const BrowsePage = Type.Object({
  profiles: Type.Array(BrowseItem),
  /** No further page has anything (for now). */
  done: Type.Boolean(),
});
export type BrowsePage = Static<typeof BrowsePage>;

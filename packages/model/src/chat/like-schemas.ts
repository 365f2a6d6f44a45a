import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";
import { NextPageCursor } from "../profile/moderation-schemas.js";

export const AccountIdRequest = Type.Object({ account_id: AccountId }, { additionalProperties: false });
export type AccountIdRequest = Static<typeof AccountIdRequest>;

const DailyLikesLeft = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
  description: "Likes left today (UTC); null when the daily_likes flag is 0 (unlimited).",
});

export const LikeResponse = Type.Object({
  matched: Type.Boolean({ description: "The other had liked the caller already: this like made a match." }),
  daily_likes_left: DailyLikesLeft,
});
export type LikeResponse = Static<typeof LikeResponse>;

export const ReceivedLike = Type.Object({
  account_id: AccountId,
  liked_at: Type.Integer({ description: "Unix ms." }),
});

export const ReceivedLikesPage = Type.Object({
  likes: Type.Array(ReceivedLike, {
    description: "Newest first; likes across a block (either way) are hidden.",
  }),
  new_count: Type.Integer({ description: "Likes received since the caller last reset the count." }),
  next: NextPageCursor,
  version: Type.Integer({ description: "The received_likes sync version this list is at." }),
});
export type ReceivedLikesPage = Static<typeof ReceivedLikesPage>;

export const NewLikesCount = Type.Object({ new_count: Type.Integer({ minimum: 0 }) });

export const Match = Type.Object({
  account_id: AccountId,
  matched_at: Type.Integer({ description: "Unix ms." }),
});
export type Match = Static<typeof Match>;

export const MatchesPage = Type.Object({
  version: Type.Integer({ description: "The matches sync version this list is at." }),
  matches: Type.Array(Match, {
    description: "Newest first; a pair where either blocked the other is hidden.",
  }),
  next: NextPageCursor,
});
export type MatchesPage = Static<typeof MatchesPage>;

export const BlocksResponse = Type.Object({
  account_ids: Type.Array(AccountId, { description: "Accounts the caller blocked, oldest first." }),
});
export type BlocksResponse = Static<typeof BlocksResponse>;

export const ChatStateResponse = Type.Object({
  daily_likes_left: DailyLikesLeft,
  messages_left_today: Type.Integer({
    minimum: 0,
    description: "Messages the caller may still send today (UTC).",
  }),
  new_likes: Type.Integer({ minimum: 0 }),
});
export type ChatStateResponse = Static<typeof ChatStateResponse>;

export const ChatSettings = Type.Object(
  {
    delivery_receipts: Type.Boolean({
      description: "Senders learn when the caller's device received their message.",
    }),
    read_receipts: Type.Boolean({ description: "Senders learn up to which message the caller has read." }),
    typing: Type.Boolean({ description: "Matches see when the caller is typing." }),
  },
  { additionalProperties: false },
);
export type ChatSettings = Static<typeof ChatSettings>;

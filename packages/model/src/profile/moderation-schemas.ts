import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";

export const ModeratedFieldName = Type.Union([Type.Literal("name"), Type.Literal("text")]);

/** The cursor a moderation queue page ends with. */
export const NextPageCursor = Type.Union([Type.String(), Type.Null()], {
  description: "Cursor of the next page (`?after=`), or null.",
});

export const ModerationQueuePage = Type.Object({
  items: Type.Array(
    Type.Object({
      account_id: AccountId,
      field: ModeratedFieldName,
      value: Type.String(),
      changed_at: Type.Integer({ description: "Unix ms of the edit." }),
    }),
  ),
  next: NextPageCursor,
});
export type ModerationQueuePage = Static<typeof ModerationQueuePage>;

export const ModerationDecisionRequest = Type.Object(
  {
    account_id: AccountId,
    field: ModeratedFieldName,
    accept: Type.Boolean(),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: "Shown to the owner on rejection." })),
    changed_at: Type.Optional(
      Type.Integer({
        description:
          "The `changed_at` of the value the moderator judged: when the owner has edited it since, the decision is refused (404) instead of landing on a value nobody saw.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ModerationDecisionRequest = Static<typeof ModerationDecisionRequest>;

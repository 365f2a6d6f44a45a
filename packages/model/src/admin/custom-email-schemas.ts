import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";

export const CustomEmailRequest = Type.Object(
  {
    to: Type.Union(
      [Type.Object({ account_id: AccountId }, { additionalProperties: false }), Type.Literal("all")],
      {
        description:
          "One account, or `all`: every account in use or in setup with a verified address that has not unsubscribed (no bots).",
      },
    ),
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    text: Type.String({
      minLength: 1,
      maxLength: 100000,
      description: "Plain text (at most custom_email.max_text_chars); an unsubscribe link is added below it.",
    }),
  },
  { additionalProperties: false },
);
export type CustomEmailRequest = Static<typeof CustomEmailRequest>;

export const CustomEmailResponse = Type.Object({
  queued: Type.Integer({ minimum: 0, description: "Mails queued in the outbox." }),
});
export type CustomEmailResponse = Static<typeof CustomEmailResponse>;

import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";
import { Password } from "./account-requests.js";

export const BotRegisterRequest = Type.Object(
  {
    moderator: Type.Optional(
      Type.Boolean({
        description: "Give the bot the image and text moderation permissions (the moderation bot).",
      }),
    ),
  },
  { additionalProperties: false },
);
export type BotRegisterRequest = Static<typeof BotRegisterRequest>;

export const BotLoginRequest = Type.Object({ account_id: AccountId }, { additionalProperties: false });
export type BotLoginRequest = Static<typeof BotLoginRequest>;

export const RemoteBotLoginRequest = Type.Object(
  { account_id: AccountId, password: Password },
  { additionalProperties: false },
);
export type RemoteBotLoginRequest = Static<typeof RemoteBotLoginRequest>;

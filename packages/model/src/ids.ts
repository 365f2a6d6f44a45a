import { Type, type Static } from "@sinclair/typebox";

export const AccountId = Type.String({
  format: "uuid",
  description: "Account id (UUID).",
});
export type AccountId = Static<typeof AccountId>;

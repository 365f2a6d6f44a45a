import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";

export const KeyId = Type.Integer({
  minimum: 1,
  description: "Version of an account's public key: 1 for the first one published, then 2, 3 …",
});

export const PublishKeyRequest = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      description: "An ASCII-armored OpenPGP public key (never a private key).",
    }),
  },
  { additionalProperties: false },
);
export type PublishKeyRequest = Static<typeof PublishKeyRequest>;

export const PublicKeyResponse = Type.Object({
  account_id: AccountId,
  key_id: KeyId,
  key: Type.String(),
  published_at: Type.Integer({ description: "Unix ms." }),
});
export type PublicKeyResponse = Static<typeof PublicKeyResponse>;

export const PublishKeyResponse = Type.Object({ key_id: KeyId });
export type PublishKeyResponse = Static<typeof PublishKeyResponse>;

import { Type, type Static } from "@sinclair/typebox";
import { SEMVER_PATTERN } from "../config/clients-config.js";
import { AccountId } from "../ids.js";
import { CLIENT_KINDS } from "../ws/frames.js";

export const Email = Type.String({
  format: "email",
  minLength: 3,
  maxLength: 254,
});
export const Password = Type.String({ minLength: 1, maxLength: 1024 });

/** A mail's language: an ISO 639 code; the server falls back to email.default_language. */
export const MailLanguage = Type.String({ pattern: "^[a-z]{2,3}$", description: "e.g. en, fi" });

/**
 * The app signing in, judged against `<kind>_min_version` as in the WebSocket hello (docs/protocol.md,
 * App versions); a request without it is not judged here, only at its hello.
 */
export const SigningInClient = Type.Object(
  {
    kind: Type.Union(CLIENT_KINDS.map((k) => Type.Literal(k))),
    version: Type.String({ pattern: SEMVER_PATTERN, maxLength: 32 }),
  },
  { additionalProperties: false },
);
export type SigningInClient = Static<typeof SigningInClient>;

export const RegisterRequest = Type.Object(
  {
    email: Email,
    password: Password,
    language: Type.Optional(MailLanguage),
    client: Type.Optional(SigningInClient),
  },
  { additionalProperties: false },
);
export type RegisterRequest = Static<typeof RegisterRequest>;

export const RegisterResponse = Type.Object({ account_id: AccountId });
export type RegisterResponse = Static<typeof RegisterResponse>;

const Token = Type.String({ minLength: 1, maxLength: 128 });

export const LoginRequest = Type.Object(
  {
    email: Email,
    password: Password,
    refresh_token: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description:
          "The refresh token this device already holds for the account, if any: such a login is never held back by failed logins of others (docs/security.md).",
      }),
    ),
    client: Type.Optional(SigningInClient),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const LoginResponse = Type.Object({
  account_id: AccountId,
  access_token: Token,
  refresh_token: Token,
});
export type LoginResponse = Static<typeof LoginResponse>;

export const RefreshRequest = Type.Object({ refresh_token: Token }, { additionalProperties: false });
export type RefreshRequest = Static<typeof RefreshRequest>;

export const GENDERS = ["man", "woman", "non_binary"] as const;
export const Gender = Type.Union(GENDERS.map((g) => Type.Literal(g)));
export type Gender = (typeof GENDERS)[number];

export const SetupRequest = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 400,
      description: "Display name; byte limit from config.",
    }),
    birthdate: Type.String({
      format: "date",
      description: "YYYY-MM-DD; only the age is kept after setup.",
    }),
    gender: Gender,
    looking_for: Type.Array(Gender, {
      minItems: 1,
      maxItems: GENDERS.length,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);
export type SetupRequest = Static<typeof SetupRequest>;

export const OkResponse = Type.Object({ ok: Type.Literal(true) });

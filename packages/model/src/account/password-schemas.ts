import { Type, type Static } from "@sinclair/typebox";
import { MailLanguage, Password } from "./account-requests.js";
import { ClientToken, EmailCode } from "./sign-in-schemas.js";

export const ChangePasswordRequest = Type.Object(
  {
    current_password: Type.Optional(
      Type.Union([Password], {
        description: "Required when the account has a password; an account without one sets its first.",
      }),
    ),
    new_password: Password,
    end_other_sessions: Type.Optional(
      Type.Boolean({ default: false, description: "Sign out every other device of the account." }),
    ),
    language: Type.Optional(MailLanguage),
  },
  { additionalProperties: false },
);
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

export const ChangePasswordResponse = Type.Object({
  sessions_ended: Type.Integer({ minimum: 0, description: "Other devices signed out with the change." }),
});
export type ChangePasswordResponse = Static<typeof ChangePasswordResponse>;

/** `POST /account/password_reset/confirm`: the mailed code proves the address; the password is set. */
export const PasswordResetConfirmRequest = Type.Object(
  {
    client_token: ClientToken,
    code: EmailCode,
    new_password: Password,
    language: Type.Optional(MailLanguage),
  },
  { additionalProperties: false },
);
export type PasswordResetConfirmRequest = Static<typeof PasswordResetConfirmRequest>;

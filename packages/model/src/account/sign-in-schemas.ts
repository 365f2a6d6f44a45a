import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";
import { Email, LoginResponse, MailLanguage } from "./account-requests.js";

export const ProviderName = Type.String({
  pattern: "^[a-z][a-z0-9_]{0,31}$",
  description: "e.g. google, apple",
});

export const OidcSignInRequest = Type.Object(
  {
    provider: ProviderName,
    id_token: Type.String({
      minLength: 1,
      maxLength: 16384,
      description: "The provider's ID token (a JWT).",
    }),
    nonce: Type.String({
      minLength: 16,
      maxLength: 256,
      description:
        "The nonce the app gave the provider (before hashing, for providers configured with nonce = sha256).",
    }),
  },
  { additionalProperties: false },
);
export type OidcSignInRequest = Static<typeof OidcSignInRequest>;

export const SignInResponse = Type.Composite([
  LoginResponse,
  Type.Object({ registered: Type.Boolean({ description: "A new account was created by this sign-in." }) }),
]);
export type SignInResponse = Static<typeof SignInResponse>;

export const EmailLoginRequest = Type.Object(
  { email: Email, language: Type.Optional(MailLanguage) },
  { additionalProperties: false },
);
export type EmailLoginRequest = Static<typeof EmailLoginRequest>;

export const ClientToken = Type.String({ minLength: 1, maxLength: 128 });

export const EmailLoginStarted = Type.Object({
  client_token: Type.String({
    description: "Sent back with the emailed code. Given whether or not the address has an account.",
  }),
  expires_in_seconds: Type.Integer(),
});
export type EmailLoginStarted = Static<typeof EmailLoginStarted>;

export const EmailCode = Type.String({ pattern: "^[0-9]{6}$", description: "The six digits from the mail." });

export const EmailLoginVerifyRequest = Type.Object(
  { client_token: ClientToken, code: EmailCode },
  { additionalProperties: false },
);
export type EmailLoginVerifyRequest = Static<typeof EmailLoginVerifyRequest>;

export const LinkedIdentity = Type.Object({
  provider: Type.String(),
  email: Type.String({ description: "The provider's verified address when it was linked." }),
  linked_at: Type.Integer({ description: "Unix ms." }),
});

export const PendingEmailChange = Type.Object({
  email: Type.String(),
  expires_at: Type.Integer({ description: "Unix ms; the change is dropped unless confirmed before." }),
});

export const SignInMethods = Type.Object({
  account_id: AccountId,
  email: Type.String(),
  email_verified: Type.Boolean(),
  pending_email_change: Type.Union([PendingEmailChange, Type.Null()]),
  password: Type.Boolean({ description: "A password is set (POST /account/login works)." }),
  oidc: Type.Array(LinkedIdentity),
});
export type SignInMethods = Static<typeof SignInMethods>;

export const EmailChangeRequest = Type.Object(
  { email: Email, language: Type.Optional(MailLanguage) },
  { additionalProperties: false },
);
export type EmailChangeRequest = Static<typeof EmailChangeRequest>;

export const EmailVerificationRequest = Type.Object(
  { language: Type.Optional(MailLanguage) },
  { additionalProperties: false },
);
export type EmailVerificationRequest = Static<typeof EmailVerificationRequest>;

export const EmailConfirmRequest = Type.Object({ code: EmailCode }, { additionalProperties: false });
export type EmailConfirmRequest = Static<typeof EmailConfirmRequest>;

/** A configured provider as the sign-in screens need it. */
export const SignInProvider = Type.Object({
  name: Type.String({ description: "The `provider` to send with its ID token, e.g. google." }),
  nonce: Type.Union([Type.Literal("plain"), Type.Literal("sha256")], {
    description: "How the provider carries the nonce: give it the nonce itself, or the hex SHA-256 of it.",
  }),
  web: Type.Union(
    [
      Type.Object({
        authorize_url: Type.String({ description: "The provider's OAuth 2.0 authorization endpoint." }),
        client_id: Type.String({ description: "The web app's client id with the provider." }),
        response_mode: Type.Union([Type.Literal("fragment"), Type.Literal("form_post")], {
          description:
            "fragment: ask for response_type=id_token with redirect_uri the app's own address; form_post: ask for response_type=code id_token with redirect_uri /account/sign_in/oidc/form_post, which sends the browser on to the app with the token in the fragment.",
        }),
      }),
      Type.Null(),
    ],
    { description: "How a web page signs in with it (a redirect); null: not from the web." },
  ),
});
export type SignInProvider = Static<typeof SignInProvider>;

export const SignInProvidersResponse = Type.Object({
  providers: Type.Array(SignInProvider, { description: "In the configured order." }),
});
export type SignInProvidersResponse = Static<typeof SignInProvidersResponse>;

import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

export const NONCE_FORMS = ["plain", "sha256"] as const;
export const WEB_RESPONSE_MODES = ["fragment", "form_post"] as const;

/** One OpenID Connect provider whose ID tokens sign users in. */
export const OidcProviderConfig = Type.Object(
  {
    name: Type.String({
      pattern: "^[a-z][a-z0-9_]{0,31}$",
      description: "The `provider` clients send, e.g. google or apple.",
    }),
    issuers: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      maxItems: 5,
      description:
        "The `iss` values its ID tokens carry, e.g. https://accounts.google.com (Google uses two spellings).",
    }),
    jwks_url: Type.String({
      pattern: "^https?://[^\\s]+$",
      description: "Where its signing keys are published (a JWKS).",
    }),
    client_ids: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      maxItems: 20,
      description: "The app's client ids with this provider; a token's `aud` must be one of them.",
    }),
    nonce: Type.Union(
      NONCE_FORMS.map((form) => Type.Literal(form)),
      {
        default: "plain",
        description:
          "How the token carries the client's nonce: plain, or sha256 (hex of the SHA-256 of the nonce; Sign in with Apple on iOS).",
      },
    ),
    registration_enabled: Type.Boolean({
      default: true,
      description:
        "Whether an unknown identity of this provider registers a new account (also needs the runtime flag registration_enabled).",
    }),
    web_authorize_url: Type.Optional(
      Type.String({
        pattern: "^https?://[^\\s]+$",
        description:
          "The provider's OAuth 2.0 authorization endpoint for the web app's sign-in button (e.g. https://accounts.google.com/o/oauth2/v2/auth); without it, no button on the web.",
      }),
    ),
    web_client_id: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          "The web app's client id with this provider (one of client_ids); needed with web_authorize_url.",
      }),
    ),
    web_response_mode: Type.Union(
      WEB_RESPONSE_MODES.map((mode) => Type.Literal(mode)),
      {
        default: "fragment",
        description:
          "How the provider hands the web app its ID token: fragment (response_type=id_token, back to the app's address; Google) or form_post (response_type=code id_token, POSTed to /account/sign_in/oidc/form_post, which passes it on to the app; Apple).",
      },
    ),
  },
  { additionalProperties: false },
);

export const oidcProvidersConfig = Type.Array(OidcProviderConfig, {
  default: [],
  maxItems: 20,
  description: "OpenID Connect providers (`[[oidc_providers]]`); none by default.",
});

export const signInConfigSection = configSection(
  "Sign-in without a password: OpenID Connect ID tokens and email one-time codes (docs/sign-in.md).",
  {
    oidc_clock_skew_seconds: Type.Integer({
      default: 60,
      minimum: 0,
      maximum: 600,
      description: "Tolerance for a token's exp, iat and nbf against this machine's clock.",
    }),
    jwks_min_refresh_seconds: Type.Number({
      default: 30,
      minimum: 0,
      description:
        "A token signed with an unknown key id refetches the provider's JWKS, at most once in this many seconds.",
    }),
    jwks_max_age_seconds: Type.Number({
      default: 3600,
      exclusiveMinimum: 0,
      description: "Cached signing keys are refetched when they are older than this.",
    }),
    jwks_timeout_seconds: Type.Number({
      default: 5,
      exclusiveMinimum: 0,
      description: "Longest a JWKS fetch may take (then 503 provider_unavailable).",
    }),
    email_code_ttl_minutes: Type.Number({
      default: 15,
      exclusiveMinimum: 0,
      maximum: 1440,
      description: "An emailed sign-in code works this long, once.",
    }),
    email_code_attempts: Type.Integer({
      default: 5,
      minimum: 1,
      maximum: 100,
      description: "Wrong codes one client token (or one pending verification) takes before it is void.",
    }),
    password_reset_code_ttl_minutes: Type.Number({
      default: 30,
      exclusiveMinimum: 0,
      maximum: 1440,
      description: "A password reset code (POST /account/password_reset/request) works this long, once.",
    }),
    password_reset_code_attempts: Type.Integer({
      default: 5,
      minimum: 1,
      maximum: 100,
      description: "Wrong codes one password reset's client token takes before it is void.",
    }),
    email_response_ms: Type.Integer({
      default: 2000,
      minimum: 0,
      maximum: 30000,
      description:
        "The email sign-in and password reset routes answer no sooner than this, so the answer time never tells whether an address has an account.",
    }),
    email_verification_ttl_hours: Type.Number({
      default: 48,
      exclusiveMinimum: 0,
      description:
        "The code and link of an address verification (a new account's, or a change's) work this long; an unconfirmed change is then dropped.",
    }),
  },
);

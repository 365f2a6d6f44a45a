import { oidcSignIn, requestEmailLogin, verifyEmailLogin } from "@venus/data-account";
import { recordAddress } from "@venus/data-history";
import {
  EmailLoginRequest,
  EmailLoginStarted,
  EmailLoginVerifyRequest,
  ErrorResponse,
  OidcSignInRequest,
  SignInResponse,
  type SignInResponse as SignedIn,
} from "@venus/model";
import type { ApiDeps } from "../../api-deps.js";
import { json, publicRoute } from "../../route.js";

const RATE_LIMITED = { description: "rate_limited (with Retry-After)", schema: ErrorResponse };

function signedIn(deps: ApiDeps, remoteAddress: string, answer: SignedIn) {
  recordAddress(deps.history, answer.account_id, remoteAddress);
  return json(200, answer);
}

export const oidcSignInRoute = publicRoute(
  {
    method: "post",
    path: "/account/sign_in/oidc",
    summary:
      "Sign in with an OpenID Connect ID token (Google, Apple, …); an identity seen for the first time registers an account when registration is open",
    tag: "account",
    body: OidcSignInRequest,
    responses: {
      200: { description: "Signed in (registered: a new account)", schema: SignInResponse },
      401: { description: "invalid_id_token (the message names why)", schema: ErrorResponse },
      403: {
        description: "email_not_verified, registration_disabled or account_locked",
        schema: ErrorResponse,
      },
      404: { description: "unknown_provider", schema: ErrorResponse },
      409: {
        description:
          "email_link_required (an account with the address exists and has not verified it), provider_already_linked, or email_taken (the address was registered at the same moment)",
        schema: ErrorResponse,
      },
      429: RATE_LIMITED,
      503: { description: "provider_unavailable (its keys could not be fetched)", schema: ErrorResponse },
    },
  },
  async ({ http, body, deps }) =>
    signedIn(deps, http.remoteAddress, await oidcSignIn(deps.account, body, http.remoteAddress)),
);

export const emailLoginRequestRoute = publicRoute(
  {
    method: "post",
    path: "/account/email_login/request",
    summary:
      "Mail a sign-in code (or a registration code, when the address has no account and registration is open); the same answer, after sign_in.email_response_ms, whether or not the address has an account",
    tag: "account",
    body: EmailLoginRequest,
    responses: {
      200: { description: "The client token to send back with the code", schema: EmailLoginStarted },
      429: RATE_LIMITED,
      503: { description: "busy (too many mails wait to be sent)", schema: ErrorResponse },
    },
  },
  async ({ http, body, deps }) => json(200, await requestEmailLogin(deps.account, body, http.remoteAddress)),
);

export const emailLoginVerifyRoute = publicRoute(
  {
    method: "post",
    path: "/account/email_login/verify",
    summary:
      "Sign in with the client token and the mailed code (single use; sign_in.email_code_attempts wrong codes void it); answers after sign_in.email_response_ms",
    tag: "account",
    body: EmailLoginVerifyRequest,
    responses: {
      200: { description: "Signed in (registered: a new account)", schema: SignInResponse },
      401: { description: "invalid_code (wrong, used or expired)", schema: ErrorResponse },
      403: { description: "registration_disabled or account_locked", schema: ErrorResponse },
      409: {
        description: "email_taken (the address was registered at the same moment)",
        schema: ErrorResponse,
      },
      429: RATE_LIMITED,
    },
  },
  async ({ http, body, deps }) =>
    signedIn(deps, http.remoteAddress, await verifyEmailLogin(deps.account, body, http.remoteAddress)),
);

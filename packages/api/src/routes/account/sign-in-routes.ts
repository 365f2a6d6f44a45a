import { oidcSignIn, requestEmailLogin, verifyEmailLogin } from "@venus/data-account";
import { recordAddress } from "@venus/data-history";
import {
  EmailLoginRequest,
  EmailLoginStarted,
  EmailLoginVerifyRequest,
  OidcSignInRequest,
  SignInResponse,
  type SignInResponse as SignedIn,
} from "@venus/model";
import type { ApiDeps } from "../../api-deps.js";
import { json, publicRoute } from "../../route.js";

/** A sign-in's answer, with the address it came from recorded for the account's history. */
export function signedIn(deps: ApiDeps, remoteAddress: string, answer: SignedIn) {
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
    errors: [
      "invalid_id_token",
      "email_not_verified",
      "registration_disabled",
      "email_domain_not_allowed",
      "disposable_email",
      "registration_cap_reached",
      "account_locked",
      "unknown_provider",
      "email_link_required",
      "provider_already_linked",
      "email_taken",
      "rate_limited",
      "provider_unavailable",
    ],
    responses: {
      200: { description: "Signed in (registered: a new account)", schema: SignInResponse },
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
    errors: ["rate_limited", "busy"],
    responses: {
      200: { description: "The client token to send back with the code", schema: EmailLoginStarted },
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
    errors: [
      "invalid_code",
      "registration_disabled",
      "email_domain_not_allowed",
      "disposable_email",
      "registration_cap_reached",
      "account_locked",
      "email_taken",
      "rate_limited",
    ],
    responses: {
      200: { description: "Signed in (registered: a new account)", schema: SignInResponse },
    },
  },
  async ({ http, body, deps }) =>
    signedIn(deps, http.remoteAddress, await verifyEmailLogin(deps.account, body, http.remoteAddress)),
);

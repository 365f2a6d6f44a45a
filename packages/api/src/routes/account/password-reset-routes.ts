import { confirmPasswordReset, requestPasswordReset } from "@venus/data-account";
import {
  EmailLoginRequest,
  EmailLoginStarted,
  PasswordResetConfirmRequest,
  SignInResponse,
} from "@venus/model";
import { json, publicRoute } from "../../route.js";
import { signedIn } from "./sign-in-routes.js";

export const passwordResetRequestRoute = publicRoute(
  {
    method: "post",
    path: "/account/password_reset/request",
    summary:
      "Mail a password reset code to an account's address; the same answer, after sign_in.email_response_ms, whether or not the address has an account",
    tag: "account",
    body: EmailLoginRequest,
    errors: ["rate_limited", "busy"],
    responses: {
      200: { description: "The client token to send back with the code", schema: EmailLoginStarted },
    },
  },
  async ({ http, body, deps }) =>
    json(200, await requestPasswordReset(deps.account, body, http.remoteAddress)),
);

export const passwordResetConfirmRoute = publicRoute(
  {
    method: "post",
    path: "/account/password_reset/confirm",
    summary:
      "Set a new password with the client token and the mailed code (single use; sign_in.password_reset_code_attempts wrong codes void it): every session of the account ends, and this device is signed in",
    tag: "account",
    body: PasswordResetConfirmRequest,
    errors: ["invalid_code", "account_locked", "rate_limited", "busy"],
    responses: {
      200: { description: "The password is set; signed in", schema: SignInResponse },
    },
  },
  async ({ http, body, deps }) =>
    signedIn(deps, http.remoteAddress, await confirmPasswordReset(deps.account, body, http.remoteAddress)),
);

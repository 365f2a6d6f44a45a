import {
  cancelEmailChange,
  confirmEmailCode,
  confirmEmailLink,
  CONFIRM_LINK_PATH,
  presentSignInMethods,
  requestEmailChange,
  resendVerification,
} from "@venus/data-account";
import {
  EmailChangeRequest,
  EmailConfirmRequest,
  EmailVerificationRequest,
  SignInMethods,
  VenusError,
} from "@venus/model";
import { htmlPage } from "../../html-page.js";
import { json, publicRoute, userRoute } from "../../route.js";

const METHODS = { description: "The account's sign-in methods after the change", schema: SignInMethods };

export const resendVerificationRoute = userRoute(
  {
    method: "post",
    path: "/account/email/verification",
    summary:
      "Mail a new verification code and link: to the new address of a pending change, else to the account's own",
    tag: "account",
    body: EmailVerificationRequest,
    errors: ["email_already_verified", "rate_limited", "busy"],
    responses: {
      200: METHODS,
    },
  },
  async ({ auth, body, deps }) => {
    await resendVerification(deps.account, auth.account, body);
    return json(200, presentSignInMethods(deps.account, auth.account));
  },
);

export const changeEmailRoute = userRoute(
  {
    method: "post",
    path: "/account/email/change",
    summary:
      "Change the account's email: the new address gets a code and link, and becomes the account's when one confirms it; the old address is then told",
    tag: "account",
    body: EmailChangeRequest,
    errors: ["email_unchanged", "email_taken", "rate_limited", "busy"],
    responses: {
      200: METHODS,
    },
  },
  async ({ auth, body, deps }) => {
    await requestEmailChange(deps.account, auth.account, body);
    return json(200, presentSignInMethods(deps.account, auth.account));
  },
);

export const cancelEmailChangeRoute = userRoute(
  {
    method: "delete",
    path: "/account/email/change",
    summary: "Drop a pending email change: its code and link stop working",
    tag: "account",
    errors: ["nothing_to_confirm"],
    responses: { 200: METHODS },
  },
  async ({ auth, deps }) => {
    await cancelEmailChange(deps.account, auth.account);
    return json(200, presentSignInMethods(deps.account, auth.account));
  },
);

export const confirmEmailRoute = userRoute(
  {
    method: "post",
    path: "/account/email/confirm",
    summary: "Confirm the address being verified (or changed to) with the mailed code",
    tag: "account",
    body: EmailConfirmRequest,
    errors: ["invalid_code", "nothing_to_confirm", "email_taken", "busy"],
    responses: {
      200: METHODS,
    },
  },
  async ({ auth, body, deps }) => {
    await confirmEmailCode(deps.account, auth.account, body);
    return json(200, presentSignInMethods(deps.account, auth.account));
  },
);

export const confirmEmailLinkRoute = publicRoute(
  {
    method: "get",
    path: CONFIRM_LINK_PATH,
    summary:
      "The link in a verification mail (`?token=`): confirms the address and answers a small HTML page",
    tag: "account",
    responses: {
      200: { description: "text/html: the address is confirmed" },
      400: { description: "text/html: the link is wrong, used or expired" },
      503: { description: "text/html: busy (the link still works later)" },
    },
  },
  async ({ http, deps }) => {
    try {
      await confirmEmailLink(deps.account, http.query.get("token") ?? "");
      return htmlPage(
        200,
        "Email address confirmed",
        "Thank you. You can close this page and go back to the app.",
      );
    } catch (error) {
      if (!(error instanceof VenusError)) throw error;
      if (error.code === "busy")
        return htmlPage(503, "Please try again in a minute", "The server is busy; this link still works.");
      const why =
        error.code === "email_taken"
          ? "Another account uses this address now."
          : "This link has expired or was used already. Ask the app for a new one.";
      return htmlPage(400, "The address could not be confirmed", why);
    }
  },
);

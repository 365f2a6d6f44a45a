import { changePassword } from "@venus/data-account";
import { ChangePasswordRequest, ChangePasswordResponse, ErrorResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const changePasswordRoute = userRoute(
  {
    method: "post",
    path: "/account/password",
    summary:
      "Change the password with the current one (an account without a password sets its first), optionally signing out every other device; a notice is mailed to the account's address",
    tag: "account",
    body: ChangePasswordRequest,
    responses: {
      200: { description: "Changed", schema: ChangePasswordResponse },
      400: {
        description: "validation_failed (the new password's length, or current_password missing)",
        schema: ErrorResponse,
      },
      401: { description: "invalid_token or websocket_required", schema: ErrorResponse },
      403: { description: "wrong_password (current_password is not the account's)", schema: ErrorResponse },
      409: { description: "invalid_state (a bot account has no password)", schema: ErrorResponse },
      429: {
        description: "rate_limited (attempts count against rate_limits.login_per_email)",
        schema: ErrorResponse,
      },
      503: { description: "busy (too many mails wait to be sent)", schema: ErrorResponse },
    },
  },
  async ({ auth, body, deps }) => json(200, await changePassword(deps.account, auth, body)),
);

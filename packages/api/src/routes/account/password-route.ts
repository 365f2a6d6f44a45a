import { changePassword } from "@venus/data-account";
import { ChangePasswordRequest, ChangePasswordResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const changePasswordRoute = userRoute(
  {
    method: "post",
    path: "/account/password",
    summary:
      "Change the password with the current one (an account without a password sets its first), optionally signing out every other device; a notice is mailed to the account's address",
    tag: "account",
    body: ChangePasswordRequest,
    errors: ["wrong_password", "invalid_state", "rate_limited", "busy"],
    responses: { 200: { description: "Changed", schema: ChangePasswordResponse } },
  },
  async ({ auth, body, deps }) => json(200, await changePassword(deps.account, auth, body)),
);

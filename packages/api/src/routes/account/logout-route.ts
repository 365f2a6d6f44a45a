import { endSession } from "@venus/data-account";
import { OkResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const logoutRoute = userRoute(
  {
    method: "post",
    path: "/account/logout",
    summary: "End this device's session: its tokens stop working and its WebSocket closes",
    tag: "account",
    responses: {
      200: { description: "Logged out", schema: OkResponse },
    },
  },
  async ({ auth, deps }) => {
    await endSession(deps.account, auth.session, "logged_out");
    return json(200, { ok: true });
  },
);

import { completeSetup } from "@venus/data-all";
import { AccountStateResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const completeSetupRoute = userRoute(
  {
    method: "post",
    path: "/account/complete_setup",
    summary: "Finish setup: checks it is complete and the user is of age, then the state becomes normal",
    tag: "account",
    errors: ["invalid_state", "setup_incomplete", "too_young"],
    responses: {
      200: { description: "The new state", schema: AccountStateResponse },
    },
  },
  async ({ auth, deps }) => json(200, await completeSetup(deps, auth.account)),
);

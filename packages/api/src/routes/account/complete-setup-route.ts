import { completeSetup } from "@venus/data-all";
import { AccountStateResponse, ErrorResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const completeSetupRoute = userRoute(
  {
    method: "post",
    path: "/account/complete_setup",
    summary: "Finish setup: checks it is complete and the user is of age, then the state becomes normal",
    tag: "account",
    responses: {
      200: { description: "The new state", schema: AccountStateResponse },
      409: {
        description: "invalid_state or setup_incomplete",
        schema: ErrorResponse,
      },
      422: { description: "too_young", schema: ErrorResponse },
    },
  },
  async ({ auth, deps }) => json(200, await completeSetup(deps, auth.account)),
);

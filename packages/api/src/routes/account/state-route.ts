import { presentAccountState } from "@venus/data-account";
import { AccountStateResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const stateRoute = userRoute(
  {
    method: "get",
    path: "/account/state",
    summary: "The account's state and permissions",
    tag: "account",
    responses: {
      200: { description: "State", schema: AccountStateResponse },
    },
  },
  ({ auth }) => json(200, presentAccountState(auth.account)),
);

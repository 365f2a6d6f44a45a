import { presentAccountState } from "@venus/data-account";
import { cancelAccountDeletion, requestAccountDeletion } from "@venus/data-all";
import { AccountStateResponse, DeleteAccountRequest } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const deleteAccountRoute = userRoute(
  {
    method: "post",
    path: "/account/delete",
    summary:
      "Ask for the account's deletion: hidden from everyone at once, deleted with everything of it after account.deletion_wait_days unless cancelled",
    tag: "account",
    body: DeleteAccountRequest,
    errors: ["wrong_password", "invalid_state", "rate_limited"],
    responses: {
      200: { description: "The new state, with the deletion time", schema: AccountStateResponse },
    },
  },
  async ({ auth, body, deps }) => {
    await requestAccountDeletion(deps, auth.account, body);
    return json(200, presentAccountState(auth.account));
  },
);

export const cancelDeletionRoute = userRoute(
  {
    method: "post",
    path: "/account/delete/cancel",
    summary: "Keep the account while the deletion wait runs: it gets back the state it had",
    tag: "account",
    errors: ["invalid_state"],
    responses: {
      200: { description: "The state after the cancel", schema: AccountStateResponse },
    },
  },
  async ({ auth, deps }) => {
    await cancelAccountDeletion(deps, auth.account);
    return json(200, presentAccountState(auth.account));
  },
);

import { accountById } from "@venus/data-account";
import { deleteAccountNow } from "@venus/data-all";
import { AccountDeletedResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const deleteAccountNowRoute = userRoute(
  {
    method: "post",
    path: "/admin/accounts/:account_id/delete",
    summary:
      "Delete an account now: every row and file of it in every component, answered once all of it is gone",
    tag: "admin",
    permission: "delete",
    errors: ["not_found", "cannot_act_on_self"],
    responses: {
      200: { description: "Deleted", schema: AccountDeletedResponse },
    },
  },
  async ({ http, auth, deps }) => {
    const target = accountById(deps.account, http.params[0] as string);
    await deleteAccountNow(deps, auth.account, target);
    return json(200, { account_id: target.id, deleted: true });
  },
);

import { setRuntimeFlag } from "@venus/data-account";
import { RuntimeFlags, SetFlagRequest } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const listFlagsRoute = userRoute(
  {
    method: "get",
    path: "/admin/flags",
    summary: "Current runtime flags",
    tag: "admin",
    permission: "edit_config",
    responses: {
      200: { description: "Flags", schema: RuntimeFlags },
    },
  },
  ({ deps }) => json(200, deps.account.flags.all()),
);

export const setFlagRoute = userRoute(
  {
    method: "put",
    path: "/admin/flags/:name",
    summary:
      "Change a runtime flag; takes effect at once (clients get client_config_changed when it concerns them)",
    tag: "admin",
    permission: "edit_config",
    body: SetFlagRequest,
    errors: ["not_found", "detector_off"],
    responses: {
      200: { description: "All flags after the change", schema: RuntimeFlags },
    },
  },
  async ({ http, body, deps }) =>
    json(200, await setRuntimeFlag(deps.account, http.params[0] as string, body.value)),
);

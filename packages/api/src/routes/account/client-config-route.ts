import { clientConfig } from "@venus/data-account";
import { ClientConfig } from "@venus/model";
import { json, publicRoute } from "../../route.js";

export const clientConfigRoute = publicRoute(
  {
    method: "get",
    path: "/account/client_config",
    summary:
      "The runtime flags a client depends on (registration, daily limits); a change is pushed as client_config_changed",
    tag: "account",
    responses: { 200: { description: "The current values", schema: ClientConfig } },
  },
  ({ deps }) => json(200, clientConfig(deps.account)),
);

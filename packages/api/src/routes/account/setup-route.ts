import { saveSetup } from "@venus/data-all";
import { OkResponse, SetupRequest } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const setupRoute = userRoute(
  {
    method: "post",
    path: "/account/setup",
    summary: "Save name, birthdate, gender and wanted genders (initial_setup only)",
    tag: "account",
    body: SetupRequest,
    errors: ["invalid_state"],
    responses: {
      200: { description: "Saved", schema: OkResponse },
    },
  },
  async ({ auth, body, deps }) => {
    await saveSetup(deps, auth.account, body);
    return json(200, { ok: true });
  },
);

import { Type } from "@sinclair/typebox";
import { ErrorResponse, RuntimeFlags, SetFlagRequest, VenusError, type RuntimeFlagName } from "@venus/model";
import { validate } from "../../parse-body.js";
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
      403: { description: "forbidden", schema: ErrorResponse },
    },
  },
  ({ deps }) => json(200, deps.account.flags.all()),
);

export const setFlagRoute = userRoute(
  {
    method: "put",
    path: "/admin/flags/:name",
    summary: "Change a runtime flag; takes effect at once",
    tag: "admin",
    permission: "edit_config",
    body: SetFlagRequest,
    responses: {
      200: { description: "All flags after the change", schema: RuntimeFlags },
      400: { description: "validation_failed", schema: ErrorResponse },
      404: { description: "not_found (no such flag)", schema: ErrorResponse },
    },
  },
  async ({ http, body, deps }) => {
    const name = http.params[0] as string;
    const schema = (
      RuntimeFlags.properties as Record<string, (typeof RuntimeFlags.properties)[RuntimeFlagName]>
    )[name];
    if (!Object.hasOwn(RuntimeFlags.properties, name) || !schema)
      throw new VenusError("not_found", `no flag ${name}`);
    const value = validate(Type.Object({ value: schema }), body).value;
    await deps.account.flags.set(name as RuntimeFlagName, value);
    return json(200, deps.account.flags.all());
  },
);

import { listDevices, signOutDevice } from "@venus/data-account";
import { DeviceId, DevicesResponse, OkResponse, VenusError } from "@venus/model";
import { compileValidator } from "@venus/simple-backend";
import { json, userRoute } from "../../route.js";

const checkDeviceId = compileValidator(DeviceId);

export const devicesRoute = userRoute(
  {
    method: "get",
    path: "/account/devices",
    summary:
      "The account's signed-in devices (sessions): client, coarse address, when signed in and last seen, which is this one",
    tag: "account",
    responses: { 200: { description: "The devices", schema: DevicesResponse } },
  },
  ({ auth, deps }) => json(200, listDevices(deps.account, auth.account.id, auth.session)),
);

export const signOutDeviceRoute = userRoute(
  {
    method: "delete",
    path: "/account/devices/:id",
    summary:
      "Sign a device out at once: its tokens stop working and its WebSocket closes with device_signed_out",
    tag: "account",
    errors: ["not_found"],
    responses: { 200: { description: "Signed out", schema: OkResponse } },
  },
  async ({ http, auth, deps }) => {
    const id = http.params[0] ?? "";
    if (!checkDeviceId(id).ok) throw new VenusError("not_found", "no such device of this account");
    await signOutDevice(deps.account, auth, id);
    return json(200, { ok: true });
  },
);

import { pushTargetOf, removePushTarget, setPushTarget } from "@venus/data-push";
import { OkResponse, PushTarget, PushTargetResponse, VapidPublicKeyResponse, VenusError } from "@venus/model";
import { json, publicRoute, userRoute } from "../../route.js";

export const setPushTargetRoute = userRoute(
  {
    method: "put",
    path: "/account/push_target",
    summary:
      "This device's push target (FCM token, APNs device token or WebPush subscription), replacing the one it had",
    tag: "account",
    body: PushTarget,
    errors: ["push_provider_disabled"],
    responses: { 200: { description: "Registered", schema: PushTargetResponse } },
  },
  async ({ auth, body, deps }) => {
    await setPushTarget(deps.push, auth.account.id, auth.session.id, body);
    return json(200, { target: pushTargetOf(deps.push, auth.session.id) });
  },
);

export const pushTargetRoute = userRoute(
  {
    method: "get",
    path: "/account/push_target",
    summary: "This device's push target, or null",
    tag: "account",
    responses: { 200: { description: "The target", schema: PushTargetResponse } },
  },
  ({ auth, deps }) => json(200, { target: pushTargetOf(deps.push, auth.session.id) }),
);

export const removePushTargetRoute = userRoute(
  {
    method: "delete",
    path: "/account/push_target",
    summary: "Stop pushes to this device (also done on logout and sign-out)",
    tag: "account",
    responses: { 200: { description: "Removed (or there was none)", schema: OkResponse } },
  },
  async ({ auth, deps }) => {
    await removePushTarget(deps.push, auth.session.id);
    return json(200, { ok: true });
  },
);

export const vapidPublicKeyRoute = publicRoute(
  {
    method: "get",
    path: "/push/vapid_public_key",
    summary: "The server's VAPID public key, for PushManager.subscribe (applicationServerKey)",
    tag: "account",
    errors: ["push_provider_disabled"],
    responses: { 200: { description: "The key", schema: VapidPublicKeyResponse } },
  },
  ({ deps }) => {
    if (!deps.push.vapid) throw new VenusError("push_provider_disabled", "WebPush is off on this server");
    return json(200, { public_key: deps.push.vapid.publicKey });
  },
);

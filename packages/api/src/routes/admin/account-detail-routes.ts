import { accountById, listDevices, presentSignInMethods } from "@venus/data-account";
import { presentAdminContent } from "@venus/data-media";
import { AdminContentResponse, DevicesResponse, SignInMethods } from "@venus/model";
import { json, userRoute } from "../../route.js";

// What an account's owner sees of its devices, sign-in methods and content, for the admins' account
// page (the console): the same presenters, another account.

export const adminDevicesRoute = userRoute(
  {
    method: "get",
    path: "/admin/accounts/:account_id/devices",
    summary: "The account's signed-in devices, as its owner sees them (none is `current`)",
    tag: "admin",
    permission: "view_accounts",
    errors: ["not_found"],
    responses: { 200: { description: "The devices", schema: DevicesResponse } },
  },
  ({ http, deps }) =>
    json(200, listDevices(deps.account, accountById(deps.account, http.params[0] as string).id)),
);

export const adminSignInMethodsRoute = userRoute(
  {
    method: "get",
    path: "/admin/accounts/:account_id/sign_in_methods",
    summary:
      "The account's email (verified or not, a pending change), whether it has a password, its providers",
    tag: "admin",
    permission: "view_accounts",
    errors: ["not_found"],
    responses: { 200: { description: "The sign-in methods", schema: SignInMethods } },
  },
  ({ http, deps }) =>
    json(200, presentSignInMethods(deps.account, accountById(deps.account, http.params[0] as string))),
);

export const adminContentRoute = userRoute(
  {
    method: "get",
    path: "/admin/accounts/:account_id/content",
    summary:
      "Every content item of the account in every moderation state, as its owner sees them, with the detector findings and an automatic decision's rule and score",
    tag: "admin",
    permission: "view_accounts",
    errors: ["not_found"],
    responses: { 200: { description: "The list", schema: AdminContentResponse } },
  },
  ({ http, deps }) =>
    json(200, presentAdminContent(deps.media, accountById(deps.account, http.params[0] as string).id)),
);

import { Type } from "@sinclair/typebox";
import {
  accountByEmail,
  accountById,
  presentAdminAccount,
  presentAdmins,
  setPermissions,
} from "@venus/data-account";
import { AdminAccountView, AdminList, SetPermissionsRequest, invalidField } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const adminAccountRoute = userRoute(
  {
    method: "get",
    path: "/admin/accounts/:account_id",
    summary: "An account as admins see it: state, lock, ban, permissions, sessions, last seen",
    tag: "admin",
    permission: "view_accounts",
    errors: ["not_found"],
    responses: {
      200: { description: "The account", schema: AdminAccountView },
    },
  },
  ({ http, deps }) =>
    json(200, presentAdminAccount(deps.account, accountById(deps.account, http.params[0] as string))),
);

export const adminAccountByEmailRoute = userRoute(
  {
    method: "get",
    path: "/admin/accounts",
    summary: "The account with `?email=` (normalized as at registration)",
    tag: "admin",
    permission: "view_accounts",
    query: { email: { description: "The account's email (required).", schema: Type.String() } },
    errors: ["not_found"],
    responses: {
      200: { description: "The account", schema: AdminAccountView },
    },
  },
  ({ http, deps }) => {
    const email = http.query.get("email");
    if (!email) throw invalidField("email", "required");
    return json(200, presentAdminAccount(deps.account, accountByEmail(deps.account, email)));
  },
);

export const adminsRoute = userRoute(
  {
    method: "get",
    path: "/admin/admins",
    summary: "Every account with at least one permission",
    tag: "admin",
    permission: "manage_admins",
    responses: { 200: { description: "Admins by email", schema: AdminList } },
  },
  ({ deps }) => json(200, presentAdmins(deps.account)),
);

export const setPermissionsRoute = userRoute(
  {
    method: "put",
    path: "/admin/accounts/:account_id/permissions",
    summary: "Set an account's whole permission set; its devices get account_state_changed",
    tag: "admin",
    permission: "manage_admins",
    body: SetPermissionsRequest,
    errors: ["not_found", "cannot_remove_own_manage_admins"],
    responses: {
      200: { description: "The account after the change", schema: AdminAccountView },
    },
  },
  async ({ http, auth, body, deps }) => {
    const target = accountById(deps.account, http.params[0] as string);
    await setPermissions(deps.account, auth.account, target, body.permissions);
    return json(200, presentAdminAccount(deps.account, target));
  },
);

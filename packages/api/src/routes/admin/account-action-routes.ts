import {
  accountById,
  lockAccount,
  logoutEverywhere,
  presentAdminAccount,
  unlockAccount,
} from "@venus/data-account";
import { banProfileAccount, unbanProfileAccount } from "@venus/data-all";
import { AdminAccountView, BanRequest, SessionsEndedResponse } from "@venus/model";
import type { HttpReply } from "@venus/simple-backend";
import type { ApiDeps } from "../../api-deps.js";
import { json, userRoute } from "../../route.js";
const VIEW = { description: "The account after the change", schema: AdminAccountView };

const target = (deps: ApiDeps, params: readonly string[]) => accountById(deps.account, params[0] as string);
const view = (deps: ApiDeps, params: readonly string[]): HttpReply =>
  json(200, presentAdminAccount(deps.account, target(deps, params)));

export const banRoute = userRoute(
  {
    method: "post",
    path: "/admin/accounts/:account_id/ban",
    summary:
      "Ban an account (or change its ban): hidden from everyone at once; its devices get account_state_changed with the ban",
    tag: "admin",
    permission: "ban",
    body: BanRequest,
    errors: ["not_found", "cannot_act_on_self", "invalid_state"],
    responses: {
      200: VIEW,
    },
  },
  async ({ http, auth, body, deps }) => {
    await banProfileAccount(deps, auth.account, target(deps, http.params), body);
    return view(deps, http.params);
  },
);

export const unbanRoute = userRoute(
  {
    method: "post",
    path: "/admin/accounts/:account_id/unban",
    summary: "Lift a ban now: the account gets back the state it had",
    tag: "admin",
    permission: "ban",
    errors: ["not_found", "invalid_state"],
    responses: {
      200: VIEW,
    },
  },
  async ({ http, deps }) => {
    await unbanProfileAccount(deps, target(deps, http.params));
    return view(deps, http.params);
  },
);

export const lockRoute = userRoute(
  {
    method: "post",
    path: "/admin/accounts/:account_id/lock",
    summary: "Lock an account: login refused (403 account_locked), every session ends at once",
    tag: "admin",
    permission: "ban",
    errors: ["not_found", "cannot_act_on_self"],
    responses: { 200: VIEW },
  },
  async ({ http, auth, deps }) => {
    await lockAccount(deps.account, auth.account, target(deps, http.params));
    return view(deps, http.params);
  },
);

export const unlockRoute = userRoute(
  {
    method: "post",
    path: "/admin/accounts/:account_id/unlock",
    summary: "Let a locked account log in again",
    tag: "admin",
    permission: "ban",
    errors: ["not_found"],
    responses: { 200: VIEW },
  },
  async ({ http, deps }) => {
    await unlockAccount(deps.account, target(deps, http.params));
    return view(deps, http.params);
  },
);

export const logoutAccountRoute = userRoute(
  {
    method: "post",
    path: "/admin/accounts/:account_id/logout",
    summary: "End every session of an account; its WebSockets close with logged_out_by_admin",
    tag: "admin",
    permission: "ban",
    errors: ["not_found"],
    responses: { 200: { description: "Done", schema: SessionsEndedResponse } },
  },
  async ({ http, deps }) =>
    json(200, { sessions_ended: await logoutEverywhere(deps.account, target(deps, http.params)) }),
);

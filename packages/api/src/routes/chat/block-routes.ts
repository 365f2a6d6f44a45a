import { blockAccount } from "@venus/data-all";
import { blockedAccounts, unblock } from "@venus/data-chat";
import { AccountIdRequest, BlocksResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

const blocksOf = (deps: Parameters<typeof blockedAccounts>[0], id: string) =>
  json(200, { account_ids: blockedAccounts(deps, id) });

export const blockRoute = userRoute(
  {
    method: "post",
    path: "/chat/block",
    summary: "Block an account: neither sees the other, it cannot message the caller, its like is hidden",
    tag: "chat",
    body: AccountIdRequest,
    errors: ["not_found"],
    responses: {
      200: { description: "The accounts the caller blocked", schema: BlocksResponse },
    },
  },
  async ({ auth, body, deps }) => {
    await blockAccount(deps, auth.account, body.account_id);
    return blocksOf(deps.chat, auth.account.id);
  },
);

export const unblockRoute = userRoute(
  {
    method: "post",
    path: "/chat/unblock",
    summary: "Lift a block the caller made",
    tag: "chat",
    body: AccountIdRequest,
    responses: {
      200: { description: "The accounts the caller blocked", schema: BlocksResponse },
    },
  },
  async ({ auth, body, deps }) => {
    await unblock(deps.chat, auth.account.id, body.account_id);
    return blocksOf(deps.chat, auth.account.id);
  },
);

export const blocksRoute = userRoute(
  {
    method: "get",
    path: "/chat/blocks",
    summary: "The accounts the caller blocked, oldest first",
    tag: "chat",
    responses: { 200: { description: "Blocked accounts", schema: BlocksResponse } },
  },
  ({ auth, deps }) => blocksOf(deps.chat, auth.account.id),
);

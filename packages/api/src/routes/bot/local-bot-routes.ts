import { loginBot, registerBot } from "@venus/data-account";
import { BotLoginRequest, BotRegisterRequest, LoginResponse, RegisterResponse } from "@venus/model";
import { requireLoopback } from "../../loopback-only.js";
import { json, publicRoute } from "../../route.js";

export const botRegisterRoute = publicRoute(
  {
    method: "post",
    path: "/bot/register",
    summary: "Local bot listener only: create a bot account (in initial_setup)",
    tag: "bot",
    body: BotRegisterRequest,
    responses: { 201: { description: "Created", schema: RegisterResponse } },
  },
  async ({ http, body, deps }) => {
    requireLoopback(http);
    return json(201, { account_id: await registerBot(deps.account, body) });
  },
);

export const botLoginRoute = publicRoute(
  {
    method: "post",
    path: "/bot/login",
    summary: "Local bot listener only: a new session for a bot account",
    tag: "bot",
    body: BotLoginRequest,
    errors: ["not_found", "account_locked"],
    responses: {
      200: { description: "Signed in", schema: LoginResponse },
    },
  },
  async ({ http, body, deps }) => {
    requireLoopback(http);
    return json(200, await loginBot(deps.account, body.account_id));
  },
);

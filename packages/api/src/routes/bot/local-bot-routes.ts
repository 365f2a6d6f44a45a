import { isIP } from "node:net";
import { loginBot, registerBot } from "@venus/data-account";
import {
  BotLoginRequest,
  BotRegisterRequest,
  ErrorResponse,
  LoginResponse,
  RegisterResponse,
  VenusError,
} from "@venus/model";
import type { HttpRequestContext } from "@venus/simple-backend";
import { json, publicRoute } from "../../route.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The listener binds to 127.0.0.1; this refuses anything else too, in case a proxy forwards to it. */
function requireLoopback(http: HttpRequestContext): void {
  if (isIP(http.remoteAddress) === 0 || !LOOPBACK.has(http.remoteAddress))
    throw new VenusError("not_found", "no such route");
}

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
    responses: {
      200: { description: "Signed in", schema: LoginResponse },
      404: { description: "not_found (no bot account with this id)", schema: ErrorResponse },
    },
  },
  async ({ http, body, deps }) => {
    requireLoopback(http);
    return json(200, await loginBot(deps.account, body.account_id));
  },
);

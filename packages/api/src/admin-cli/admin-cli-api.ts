import { createHash, timingSafeEqual } from "node:crypto";
import type { Components } from "@venus/data-all";
import { VenusError } from "@venus/model";
import type { HttpRequestContext, HttpServer, SettableClock } from "@venus/simple-backend";
import { requireLoopback } from "../loopback-only.js";
import { parseJson } from "../parse-body.js";
import { runAdminCommand } from "./admin-commands.js";
import { mountTestClockRoute } from "./test-clock-route.js";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** `Authorization: Bearer <token>` with the token the server wrote to `<data_dir>/admin.token`. */
function requireToken(http: HttpRequestContext, expected: Buffer): void {
  const header = http.headers.get("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
  if (!timingSafeEqual(digest(given), expected))
    throw new VenusError("invalid_token", "the admin token (in <data_dir>/admin.token) is missing or wrong");
}

/**
 * The admin listener (`admin.local_port`, loopback only): `POST /cli/<command>` runs a `venus admin`
 * command with its arguments as the JSON body, for callers that hold the token, and answers its JSON.
 * With a settable clock (`[testing] clock`), `POST /testing/clock` moves it. Everything else there is
 * an unknown route.
 */
export function mountAdminCliApi(
  http: HttpServer,
  components: Components,
  token: string,
  testClock?: SettableClock,
): void {
  const expected = digest(token);
  if (testClock)
    mountTestClockRoute(http, testClock, (request) => {
      requireLoopback(request);
      requireToken(request, expected);
    });
  http.route("post", "/cli/:command", async (request) => {
    requireLoopback(request);
    requireToken(request, expected);
    const args =
      request.body.length === 0 ? {} : parseJson(request.body, components.account.config.http.max_json_depth);
    return { status: 200, body: await runAdminCommand(components, request.params[0] as string, args) };
  });
  http.notFound();
}

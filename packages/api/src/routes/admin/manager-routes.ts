import { Type } from "@sinclair/typebox";
import { VenusError } from "@venus/model";
import { parseJson } from "../../parse-body.js";
import { userRoute, type ApiRoute } from "../../route.js";

const PREFIX = "/admin/manager";
const METHODS = { get: "GET", post: "POST", put: "PUT", delete: "DELETE" } as const;

/**
 * `/admin/manager/REST` → the local manager's `/manager/REST` (same method, query and JSON body),
 * over the server's own socket to it: admins reach the manager without its port facing the internet.
 * The manager's answer comes back as it is.
 */
function forwardRoute(method: keyof typeof METHODS): ApiRoute {
  return userRoute(
    {
      method,
      path: `${PREFIX}/*`,
      summary: "Forwarded to the local manager's /manager/… (see docs/manager.md for its routes)",
      tag: "admin",
      permission: "use_manager_api",
      ...(method === "post" || method === "put"
        ? { rawBody: { contentTypes: ["application/json"], description: "Passed to the manager as it is." } }
        : {}),
      errors: ["manager_not_configured", "manager_unavailable"],
      otherwise: { description: "The manager's answer, with whatever status and body it gives" },
      responses: {
        200: { description: "The manager's answer (see docs/manager.md)", schema: Type.Unknown() },
      },
    },
    async ({ http, deps }) => {
      const manager = deps.localManager;
      if (manager === undefined) throw new VenusError("manager_not_configured");
      if (!manager.connected) throw new VenusError("manager_unavailable");
      const query = http.query.toString();
      const answer = await manager.request({
        method: METHODS[method],
        path: `/manager${http.url.slice(PREFIX.length)}${query ? `?${query}` : ""}`,
        ...(http.body.length > 0
          ? { body: parseJson(http.body, deps.account.config.http.max_json_depth) }
          : {}),
      });
      const { body } = answer;
      return { status: answer.status, body: body instanceof Uint8Array ? Buffer.from(body) : body };
    },
  );
}

export const managerForwardRoutes: readonly ApiRoute[] = (["get", "post", "put", "delete"] as const).map(
  forwardRoute,
);

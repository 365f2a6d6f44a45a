import { managerError, ok } from "../api/manager-request.js";
import type { ManagerRouter } from "../api/manager-router.js";
import type { Remotes } from "../remotes/remotes.js";
import { MANAGER_METHODS } from "../api/manager-request.js";

/** `/manager/remotes/<name>/…` goes to the remote's `/manager/…`, and its answer comes back as it is. */
export function addRemoteRoutes(router: ManagerRouter, remotes: Remotes): void {
  router.add("GET", "/manager/remotes", () => ok({ remotes: remotes.status() }));
  for (const method of MANAGER_METHODS)
    router.add(method, "/manager/remotes/:name/*", (request, params) => {
      const name = params.name as string;
      const caller = remotes.caller(name);
      if (caller === undefined)
        return managerError(
          404,
          "unknown_remote",
          `no remote manager is named "${name}" (known: ${remotes.names().join(", ") || "none"})`,
        );
      const query = request.query.toString();
      return caller({
        method,
        path: `/manager${params["*"] as string}${query ? `?${query}` : ""}`,
        body: request.body,
      });
    });
}

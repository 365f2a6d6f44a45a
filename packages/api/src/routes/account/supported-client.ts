import { judgeClient } from "@venus/data-account";
import { VenusError, type SigningInClient } from "@venus/model";
import type { ApiDeps } from "../../api-deps.js";

/**
 * Refuses a sign-in or registration from an app below its kind's `<kind>_min_version`, the rule
 * its WebSocket hello would meet next (docs/protocol.md, App versions), so that an outdated app
 * learns it before it holds tokens it cannot use.
 */
export function requireSupportedClient(deps: ApiDeps, client: SigningInClient | undefined): void {
  if (!client) return;
  const judged = judgeClient(deps.account.flags, client);
  if (judged.verdict === "update_required")
    throw new VenusError(
      "client_update_required",
      `this app is too old; version ${judged.min_version} or newer is needed`,
      { min_version: judged.min_version },
    );
}

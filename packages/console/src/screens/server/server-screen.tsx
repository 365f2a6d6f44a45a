import type { Session } from "@venus/web-shared";
import type { Permissions } from "../../permissions.js";
import { ChartsPart } from "./charts-part.js";
import { FlagsPart } from "./flags-part.js";
import { ManagerPart } from "./manager-part.js";

/** Flags, statistics and the manager, each for the permission it needs. */
export function ServerScreen({ session, permissions }: { session: Session; permissions: Permissions }) {
  return (
    <div class="server">
      <h1>Server</h1>
      {permissions.has("view_statistics") && <ChartsPart session={session} />}
      {permissions.has("edit_config") && <FlagsPart session={session} />}
      {permissions.has("use_manager_api") && <ManagerPart session={session} />}
    </div>
  );
}

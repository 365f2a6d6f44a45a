import { ok } from "../api/manager-request.js";
import type { ManagerRouter } from "../api/manager-router.js";
import type { OutboundLinkStatus } from "../remotes/outbound-links.js";

/** `/manager/links`: the links this manager dialled out to, and whether each is connected. */
export function addLinkRoutes(router: ManagerRouter, outboundLinks: () => OutboundLinkStatus[]): void {
  router.add("GET", "/manager/links", () => ok({ outbound_links: outboundLinks() }));
}

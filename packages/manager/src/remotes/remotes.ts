import type { ManagerConfig } from "@venus/model";
import { managerError } from "../api/manager-request.js";
import { httpCaller } from "./http-caller.js";
import type { ManagerCaller, OutgoingRequest } from "./manager-caller.js";
import type { ManagerResponse } from "../api/manager-request.js";

/** Sends a request over a link; the far side checks `apiKey` against its own key. */
export type LinkCaller = (request: OutgoingRequest, apiKey: string) => Promise<ManagerResponse>;

type RemoteConfig = ManagerConfig["remotes"][number];

/**
 * The named remote managers this one can call: over a link the remote dialled in on when one is open,
 * else directly at its URL.
 */
export class Remotes {
  private readonly configured = new Map<string, RemoteConfig>();
  private readonly links = new Map<string, LinkCaller>();

  constructor(
    remotes: readonly RemoteConfig[],
    private readonly timeoutMs: number,
  ) {
    for (const remote of remotes) this.configured.set(remote.name, remote);
  }

  /** A link `name` dialled in on: requests for it go over the link while it is open. */
  attachLink(name: string, caller: LinkCaller): void {
    this.links.set(name, caller);
  }

  detachLink(name: string, caller: LinkCaller): void {
    if (this.links.get(name) === caller) this.links.delete(name);
  }

  /** Each remote and how it is reached now. */
  status(): { name: string; url: string; link_connected: boolean }[] {
    return [...this.configured.values()].map((remote) => ({
      name: remote.name,
      url: remote.url,
      link_connected: this.links.has(remote.name),
    }));
  }

  names(): string[] {
    return [...this.configured.keys()];
  }

  /** A caller for `name`, or undefined for a name that is not configured. */
  caller(name: string): ManagerCaller | undefined {
    const remote = this.configured.get(name);
    if (remote === undefined) return undefined;
    return (request) => {
      const link = this.links.get(name);
      if (link !== undefined) return link(request, remote.api_key);
      if (remote.url === "")
        return Promise.resolve(
          managerError(
            503,
            "remote_not_connected",
            `remote manager "${name}" has no URL and its link is not connected`,
          ),
        );
      return httpCaller(remote.url, remote.api_key, this.timeoutMs)(request);
    };
  }
}

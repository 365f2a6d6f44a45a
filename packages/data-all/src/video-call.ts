import type { Account } from "@venus/data-account";
import { videoCallRoom } from "@venus/data-chat";
import { VenusError, type VideoCallResponse } from "@venus/model";
import type { Components } from "./components.js";
import { isActive } from "./view-profile.js";

/** The video-call room of `caller` and a match whose account is in use; for anyone else, nothing. */
export function videoCallWith(
  components: Components,
  caller: Account,
  otherId: string,
): Promise<VideoCallResponse> {
  if (caller.state !== "normal" || !isActive(components, otherId))
    throw new VenusError("blocked_or_not_found");
  return videoCallRoom(components.chat, caller.id, otherId);
}

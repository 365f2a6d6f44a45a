import { videoCallWith } from "@venus/data-all";
import { VideoCallResponse } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const videoCallRoute = userRoute(
  {
    method: "get",
    path: "/chat/video_call/:account_id",
    summary:
      "The video-call room the caller shares with a match (the same for both; with a token when the meeting server needs one)",
    tag: "chat",
    errors: ["blocked_or_not_found", "not_a_match", "video_calls_not_configured"],
    responses: {
      200: { description: "The room", schema: VideoCallResponse },
    },
  },
  async ({ http, auth, deps }) =>
    json(200, await videoCallWith(deps, auth.account, http.params[0] as string)),
);

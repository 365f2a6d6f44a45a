import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

/** A Jitsi Meet (or compatible) server for video calls between matches (docs/protocol.md, "Video calls"). */
export const videoCallsConfigSection = configSection(
  "Video calls between matches on a Jitsi Meet (or compatible) server (GET /chat/video_call/{account_id}).",
  {
    url: Type.String({
      default: "",
      pattern: "^(https?://[^\\s?#]+)?$",
      description:
        "The meeting server's address, e.g. https://meet.example.com; empty: video calls are off (503 video_calls_not_configured).",
    }),
    room_secret: Type.String({
      default: "",
      description:
        "Key of the room names (HMAC of the two account ids): at least 32 characters when url is set. Changing it gives every pair a new room.",
    }),
    jwt_app_id: Type.String({
      default: "",
      description:
        "With jwt_secret: the app id (iss) of the meeting server's token authentication; empty: rooms need no token.",
    }),
    jwt_secret: Type.String({
      default: "",
      description: "The HS256 secret the meeting server checks tokens with (with jwt_app_id).",
    }),
    jwt_ttl_seconds: Type.Integer({
      default: 3600,
      minimum: 60,
      maximum: 86400,
      description: "How long a room token lets its holder join.",
    }),
  },
);

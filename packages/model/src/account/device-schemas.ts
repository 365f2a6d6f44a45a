import { Type, type Static } from "@sinclair/typebox";
import { CLIENT_KINDS } from "../ws/frames.js";

/** A signed-in device's id on the wire: random, and never usable as a token. */
export const DeviceId = Type.String({ pattern: "^[0-9a-f]{32}$", description: "32 hex digits." });

export const Device = Type.Object({
  id: DeviceId,
  client: Type.Union(
    [
      Type.Object({
        kind: Type.Union(CLIENT_KINDS.map((k) => Type.Literal(k))),
        version: Type.String(),
      }),
      Type.Null(),
    ],
    { description: "What the device said in its last hello; null before its first connection." },
  ),
  address: Type.Union([Type.String(), Type.Null()], {
    description:
      "Where the device last connected from, coarse: an IPv4 /24 or an IPv6 /48, e.g. 203.0.113.0/24.",
  }),
  created_at: Type.Integer({ description: "Sign-in time, unix ms." }),
  last_seen_at: Type.Integer({ description: "Last HTTP request or connection, unix ms." }),
  online: Type.Boolean({ description: "Its WebSocket is connected now." }),
  current: Type.Boolean({ description: "The device asking (always false in an admin's view)." }),
});
export type Device = Static<typeof Device>;

export const DevicesResponse = Type.Object({
  devices: Type.Array(Device, { description: "Most recently seen first." }),
});
export type DevicesResponse = Static<typeof DevicesResponse>;

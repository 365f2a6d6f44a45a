import { Type, type Static } from "@sinclair/typebox";

/** The meeting room two matches share: both get the same answer. */
export const VideoCallResponse = Type.Object({
  room: Type.String({ description: "The room name: the same for both accounts of a pair, unguessable." }),
  url: Type.String({
    description: "The room's address to open; carries `?jwt=` when the meeting server needs a token.",
  }),
  jwt: Type.Optional(
    Type.String({ description: "The room token (HS256) when the meeting server needs one." }),
  ),
  expires_at: Type.Optional(Type.Integer({ description: "Unix ms when the token stops admitting." })),
});
export type VideoCallResponse = Static<typeof VideoCallResponse>;

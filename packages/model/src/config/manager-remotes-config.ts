import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

const remoteName = Type.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" });

/** Other managers this one forwards requests to: by URL, or over the link they dial in on. */
export const managerRemotes = Type.Array(
  Type.Object(
    {
      name: remoteName,
      url: Type.String({
        default: "",
        description:
          "The remote manager's API, e.g. http://10.0.0.2:4100; empty: reached only over the link it dials in on.",
      }),
      api_key: Type.String({ minLength: 1, description: "The remote manager's api.api_key." }),
    },
    { additionalProperties: false },
  ),
  {
    default: [],
    description:
      "Named remote managers; `/manager/remotes/<name>/…` is forwarded to the remote's `/manager/…`.",
  },
);

/** Peers this manager dials out to and keeps a link open with, so they reach it without an open port. */
export const managerOutboundLinks = Type.Array(
  Type.Object(
    {
      url: Type.String({
        minLength: 1,
        description: "The peer manager's WebSocket, e.g. ws://backup.example:4100/manager/ws.",
      }),
      api_key: Type.String({ minLength: 1, description: "The peer manager's api.api_key." }),
      name: remoteName,
    },
    { additionalProperties: false },
  ),
  {
    default: [],
    description:
      "Links to dial out to; `name` is this manager's name at the peer (a remote there with an empty url).",
  },
);

export const managerLinksSection = configSection("Manager-to-manager requests and links.", {
  request_timeout_seconds: Type.Number({
    default: 60,
    exclusiveMinimum: 0,
    description: "How long a request forwarded to a remote manager may take.",
  }),
  keepalive_seconds: Type.Number({
    default: 15,
    exclusiveMinimum: 0,
    description:
      "A dialled link sends a ping this often and is dropped (and dialled again) when two go unanswered.",
  }),
  reconnect_base_ms: Type.Integer({
    default: 500,
    minimum: 1,
    description: "First delay before dialling a lost link again; doubles with each failure in a row.",
  }),
  reconnect_max_seconds: Type.Number({
    default: 30,
    exclusiveMinimum: 0,
    description: "Longest delay before dialling a lost link again.",
  }),
});

import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

/**
 * The server's side of its link to the local manager. The section is not named `manager`: the
 * server's variable for it would start `VENUS_MANAGER_`, and those belong to the manager.
 */
export const localManagerConfigSection = configSection(
  "The local manager (venus manager): maintenance notices, and /admin/manager/… forwarded to it.",
  {
    url: Type.String({
      default: "",
      pattern: "^(wss?://.+)?$",
      description:
        "The manager's WebSocket, e.g. ws://127.0.0.1:4100/manager/ws; empty: no manager. A manager running the server sets it.",
    }),
    api_key: Type.String({
      default: "",
      description: "The manager's api.api_key. A manager running the server sets it.",
    }),
  },
);

import { publicKeyFor, publishKey } from "@venus/data-chat";
import { PublicKeyResponse, PublishKeyRequest, PublishKeyResponse } from "@venus/model";
import { Type } from "@sinclair/typebox";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const publishKeyRoute = userRoute(
  {
    method: "put",
    path: "/chat/public_key",
    summary: "Publish a new version of the caller's OpenPGP public key; senders must encrypt to the newest",
    tag: "chat",
    body: PublishKeyRequest,
    // The key plus JSON escaping of its line breaks.
    maxBodyBytes: (deps) => 2 * deps.chat.config.chat.public_key_max_bytes + 1024,
    errors: ["public_key_too_large", "public_key_invalid"],
    responses: {
      200: { description: "Published: its key id", schema: PublishKeyResponse },
    },
  },
  async ({ auth, body, deps }) =>
    json(200, { key_id: await publishKey(deps.chat, auth.account.id, body.key) }),
);

export const publicKeyRoute = userRoute(
  {
    method: "get",
    path: "/chat/public_key/:account_id",
    summary: "The caller's or a match's public key: the current one, or `?key_id=` a kept older version",
    tag: "chat",
    query: { key_id: { description: "A key version (default: the current one).", schema: Type.Integer() } },
    errors: ["blocked_or_not_found", "not_found"],
    responses: {
      200: { description: "The key", schema: PublicKeyResponse },
    },
  },
  ({ http, auth, deps }) =>
    json(
      200,
      publicKeyFor(
        deps.chat,
        auth.account.id,
        http.params[0] as string,
        integerQuery(http, "key_id", "must be a key id"),
      ),
    ),
);

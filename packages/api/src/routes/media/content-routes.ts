import { readFile } from "node:fs/promises";
import { Type } from "@sinclair/typebox";
import { contentForViewer } from "@venus/data-all";
import { deleteContent, presentOwnContent } from "@venus/data-media";
import { OkResponse, OwnContentResponse, VenusError, invalidField } from "@venus/model";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";

export const ownContentRoute = userRoute(
  {
    method: "get",
    path: "/media/content",
    summary: "The caller's content items with their moderation states, and the upload limits",
    tag: "media",
    responses: { 200: { description: "The list", schema: OwnContentResponse } },
  },
  ({ auth, deps }) => json(200, presentOwnContent(deps.media, auth.account.id)),
);

export const deleteContentRoute = userRoute(
  {
    method: "delete",
    path: "/media/content/:content_id",
    summary: "Delete one of the caller's content items; its files are wiped after media.delete_wait_days",
    tag: "media",
    errors: ["not_found", "content_in_use"],
    responses: {
      200: { description: "Deleted", schema: OkResponse },
    },
  },
  async ({ http, auth, deps }) => {
    await deleteContent(deps.media, auth.account.id, http.params[0] ?? "");
    return json(200, { ok: true });
  },
);

/** Content never changes under its id: clients and caches may keep it for a year. */
const CACHE_CONTROL = "private, max-age=31536000, immutable";

/** `If-None-Match` (RFC 9110 §13.1.2): `*` or a list of entity tags, compared weakly. */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => opaque(tag) === opaque(etag));
}

export const contentFileRoute = userRoute(
  {
    method: "get",
    path: "/media/content/:account_id/:content_id",
    summary:
      "An image, as JPEG, to the owner, admins, and anyone who may see the owner's profile (accepted profile images only)",
    tag: "media",
    query: {
      size: {
        description: "Wanted long edge in px; the smallest stored size at least this large is served.",
        schema: Type.Integer({ minimum: 1 }),
      },
    },
    rawResponse: { status: 200, contentType: "image/jpeg" },
    errors: ["not_found"],
    responses: {
      200: { description: "The JPEG, with ETag and Cache-Control" },
      304: { description: "Not modified (If-None-Match matched the ETag)" },
    },
  },
  async ({ http, auth, deps }) => {
    const size = integerQuery(http, "size", "must be a positive integer");
    if (size === 0) throw invalidField("size", "must be a positive integer");
    const [ownerId = "", contentId = ""] = http.params;
    const file = contentForViewer(deps, auth.account, ownerId, contentId, size);
    const headers = { etag: file.etag, "cache-control": CACHE_CONTROL };
    if (noneMatch(http.headers.get("if-none-match"), file.etag)) return { status: 304, headers };
    let body: Buffer;
    try {
      body = await readFile(file.path);
    } catch (error) {
      // The file went away under us (purged this instant, or the disk was changed by hand).
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw new VenusError("not_found", "no such content");
      throw error;
    }
    return { status: 200, headers, body, contentType: "image/jpeg" };
  },
);

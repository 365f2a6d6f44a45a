import {
  createNews,
  deleteNews,
  editNews,
  listAdminNews,
  publishNews,
  unpublishNews,
} from "@venus/data-account";
import { AdminNewsItem, AdminNewsList, NewsItemRequest, OkResponse, VenusError } from "@venus/model";
import type { HttpRequestContext } from "@venus/simple-backend";
import { json, userRoute } from "../../route.js";

const item = { description: "The item", schema: AdminNewsItem };

function newsId(http: HttpRequestContext): number {
  const id = http.params[0] ?? "";
  if (!/^[1-9]\d{0,14}$/.test(id)) throw new VenusError("not_found", "no such news item");
  return Number(id);
}

export const adminNewsListRoute = userRoute(
  {
    method: "get",
    path: "/admin/news",
    summary: "Every news item with all its translations, drafts too, newest first",
    tag: "admin",
    permission: "manage_news",
    responses: { 200: { description: "The items", schema: AdminNewsList } },
  },
  ({ deps }) => json(200, { items: listAdminNews(deps.account) }),
);

export const createNewsRoute = userRoute(
  {
    method: "post",
    path: "/admin/news",
    summary: "Writes a news item as a draft (publish it separately)",
    tag: "admin",
    permission: "manage_news",
    body: NewsItemRequest,
    errors: ["invalid_state"],
    responses: { 201: { description: "The draft", schema: AdminNewsItem } },
  },
  async ({ body, deps }) => json(201, await createNews(deps.account, body)),
);

export const editNewsRoute = userRoute(
  {
    method: "put",
    path: "/admin/news/:news_id",
    summary: "Replaces a news item's translations and banner; readers of a published one see it at once",
    tag: "admin",
    permission: "manage_news",
    body: NewsItemRequest,
    errors: ["not_found"],
    responses: { 200: item },
  },
  async ({ http, body, deps }) => json(200, await editNews(deps.account, newsId(http), body)),
);

export const publishNewsRoute = userRoute(
  {
    method: "post",
    path: "/admin/news/:news_id/publish",
    summary: "Publishes a news item (again: as the newest); every connection gets news_changed",
    tag: "admin",
    permission: "manage_news",
    errors: ["not_found"],
    responses: { 200: item },
  },
  async ({ http, deps }) => json(200, await publishNews(deps.account, newsId(http))),
);

export const unpublishNewsRoute = userRoute(
  {
    method: "post",
    path: "/admin/news/:news_id/unpublish",
    summary: "Takes a news item back to a draft; readers no longer see it",
    tag: "admin",
    permission: "manage_news",
    errors: ["not_found"],
    responses: { 200: item },
  },
  async ({ http, deps }) => json(200, await unpublishNews(deps.account, newsId(http))),
);

export const deleteNewsRoute = userRoute(
  {
    method: "delete",
    path: "/admin/news/:news_id",
    summary: "Deletes a news item for good",
    tag: "admin",
    permission: "manage_news",
    errors: ["not_found"],
    responses: { 200: { description: "Deleted", schema: OkResponse } },
  },
  async ({ http, deps }) => {
    await deleteNews(deps.account, newsId(http));
    return json(200, { ok: true });
  },
);

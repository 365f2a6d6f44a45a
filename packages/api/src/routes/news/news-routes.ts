import { Type } from "@sinclair/typebox";
import { markNewsSeen, newsBanner, newsPage } from "@venus/data-account";
import { invalidField, NewsBannerResponse, NewsPage, NewsUnread } from "@venus/model";
import type { HttpRequestContext } from "@venus/simple-backend";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";

const LANGUAGE_QUERY = {
  language: {
    description:
      "The reader's language (e.g. fi); absent: the account's language (PUT /account/language). An item without it is shown in its default language.",
    schema: Type.String(),
  },
};

function languageQuery(http: HttpRequestContext): string | undefined {
  const language = http.query.get("language");
  if (language === null) return undefined;
  if (!/^[a-z]{2,3}$/.test(language)) throw invalidField("language", "must be a language code like en");
  return language;
}

export const newsRoute = userRoute(
  {
    method: "get",
    path: "/news",
    summary: "Published news, newest first, a page at a time, in the reader's language",
    tag: "news",
    query: {
      ...LANGUAGE_QUERY,
      before: { description: "The `next_before` of the previous page.", schema: Type.Integer() },
    },
    responses: { 200: { description: "A page", schema: NewsPage } },
  },
  ({ http, auth, deps }) =>
    json(
      200,
      newsPage(
        deps.account,
        auth.account.id,
        languageQuery(http) ?? auth.account.language ?? undefined,
        integerQuery(http, "before", "must be the next_before of a previous page"),
      ),
    ),
);

export const newsBannerRoute = userRoute(
  {
    method: "get",
    path: "/news/banner",
    summary: "The pinned in-app banner, while one is live (its severity and end time with it)",
    tag: "news",
    query: LANGUAGE_QUERY,
    responses: { 200: { description: "The banner or null", schema: NewsBannerResponse } },
  },
  ({ http, auth, deps }) =>
    json(200, newsBanner(deps.account, languageQuery(http) ?? auth.account.language ?? undefined)),
);

export const newsUnreadRoute = userRoute(
  {
    method: "get",
    path: "/news/unread",
    summary: "How many published items the account has not marked read",
    tag: "news",
    responses: { 200: { description: "The count", schema: NewsUnread } },
  },
  ({ auth, deps }) => json(200, { unread_count: deps.account.news.unreadCount(auth.account.id) }),
);

export const newsSeenRoute = userRoute(
  {
    method: "post",
    path: "/news/seen",
    summary: "Marks every published item read; the account's devices get news_changed",
    tag: "news",
    responses: { 200: { description: "The new count", schema: NewsUnread } },
  },
  async ({ auth, deps }) => json(200, { unread_count: await markNewsSeen(deps.account, auth.account.id) }),
);

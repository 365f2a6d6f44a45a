import { Type, type Static } from "@sinclair/typebox";

export const NewsLanguage = Type.String({ pattern: "^[a-z]{2,3}$", description: "e.g. en, fi" });
export const NewsId = Type.Integer({ minimum: 1, description: "A news item's id." });

export const NewsTranslation = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ maxLength: 20000, description: "Plain text; the app shows line breaks." }),
  },
  { additionalProperties: false },
);
export type NewsTranslation = Static<typeof NewsTranslation>;

export const BANNER_SEVERITIES = ["info", "warning", "critical"] as const;
export const NewsBanner = Type.Object(
  {
    severity: Type.Union(BANNER_SEVERITIES.map((s) => Type.Literal(s))),
    until: Type.Integer({ description: "Unix ms when the banner stops showing." }),
  },
  { additionalProperties: false, description: "The item is pinned as an in-app banner until then." },
);
export type NewsBanner = Static<typeof NewsBanner>;

/** What an admin writes: the translations, the fallback language, and an optional banner. */
export const NewsItemRequest = Type.Object(
  {
    default_language: NewsLanguage,
    translations: Type.Record(NewsLanguage, NewsTranslation, {
      description:
        "Per language; must include default_language. Shown in the reader's language, else the default.",
    }),
    banner: Type.Optional(Type.Union([NewsBanner, Type.Null()])),
  },
  { additionalProperties: false },
);
export type NewsItemRequest = Static<typeof NewsItemRequest>;

/** An item as admins see it: every translation, published or not. */
export const AdminNewsItem = Type.Object({
  id: NewsId,
  default_language: NewsLanguage,
  translations: Type.Record(Type.String(), NewsTranslation),
  banner: Type.Union([NewsBanner, Type.Null()]),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  published_at: Type.Union([Type.Integer(), Type.Null()], { description: "Null: a draft or unpublished." }),
});
export type AdminNewsItem = Static<typeof AdminNewsItem>;

export const AdminNewsList = Type.Object({ items: Type.Array(AdminNewsItem) });
export type AdminNewsList = Static<typeof AdminNewsList>;

/** An item as a user sees it: one language. */
export const NewsItem = Type.Object({
  id: NewsId,
  language: NewsLanguage,
  title: Type.String(),
  body: Type.String(),
  published_at: Type.Integer(),
  banner: Type.Union([NewsBanner, Type.Null()], { description: "Set while the item is the live banner." }),
});
export type NewsItem = Static<typeof NewsItem>;

export const NewsPage = Type.Object({
  items: Type.Array(NewsItem, { description: "Newest first." }),
  next_before: Type.Union([Type.Integer(), Type.Null()], {
    description: "Pass as `before` for the next (older) page; null: no older items.",
  }),
  unread_count: Type.Integer({ minimum: 0 }),
});
export type NewsPage = Static<typeof NewsPage>;

export const NewsBannerResponse = Type.Object({
  banner: Type.Union([NewsItem, Type.Null()], { description: "The live banner, if one is pinned now." }),
});
export type NewsBannerResponse = Static<typeof NewsBannerResponse>;

export const NewsUnread = Type.Object({ unread_count: Type.Integer({ minimum: 0 }) });
export type NewsUnread = Static<typeof NewsUnread>;

/** `news_changed`: published news changed; `version` is the `news` sync version. */
export const NewsChangedEvent = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  unread_count: Type.Integer({ minimum: 0 }),
});
export type NewsChangedEvent = Static<typeof NewsChangedEvent>;

export const NewsIdResponse = Type.Object({ id: NewsId });

import type { NewsBannerResponse, NewsItem, NewsPage } from "@venus/model";
import type { AccountContext } from "../context.js";
import type { NewsEntry } from "./news-board.js";

/** The item in `language`, else in its default language. */
export function presentNews(entry: NewsEntry, language: string | undefined, now: number): NewsItem {
  const shown = language && Object.hasOwn(entry.translations, language) ? language : entry.defaultLanguage;
  const text = entry.translations[shown] ?? { title: "", body: "" };
  return {
    id: entry.id,
    language: shown,
    title: text.title,
    body: text.body,
    published_at: entry.publishedAt ?? 0,
    banner: entry.banner && entry.banner.until > now ? entry.banner : null,
  };
}

/** Published items older than `before` (a `published_at`), newest first, a page at a time. */
export function newsPage(
  ctx: AccountContext,
  accountId: string,
  language: string | undefined,
  before: number | undefined,
): NewsPage {
  const size = ctx.config.news.page_size;
  const older = ctx.news
    .published()
    .filter((item) => before === undefined || (item.publishedAt ?? 0) < before);
  const page = older.slice(0, size);
  const now = ctx.now();
  return {
    items: page.map((item) => presentNews(item, language, now)),
    next_before: older.length > size ? (page.at(-1)?.publishedAt ?? null) : null,
    unread_count: ctx.news.unreadCount(accountId),
  };
}

/** The live banner: the newest published item pinned until later than now. */
export function newsBanner(ctx: AccountContext, language: string | undefined): NewsBannerResponse {
  const now = ctx.now();
  const live = ctx.news.published().find((item) => item.banner && item.banner.until > now);
  return { banner: live ? presentNews(live, language, now) : null };
}

/** Everything published so far counts as read; the account's devices hear the new count. */
export async function markNewsSeen(ctx: AccountContext, accountId: string): Promise<number> {
  const newest = ctx.news.published()[0]?.publishedAt ?? 0;
  if ((ctx.news.seen.get(accountId) ?? 0) < newest) {
    ctx.news.seen.set(accountId, newest);
    await ctx.writer.write(() => ctx.news.statements.setSeen(accountId, newest));
    ctx.connections.publish(accountId, "news_changed", { version: ctx.news.version(), unread_count: 0 });
  }
  return ctx.news.unreadCount(accountId);
}

/** Tells every connected account that published news changed, with its own unread count. */
export function announceNewsChanged(ctx: AccountContext): void {
  const version = ctx.news.version();
  for (const accountId of [...ctx.connections.onlineAccounts()])
    ctx.connections.publish(accountId, "news_changed", {
      version,
      unread_count: ctx.news.unreadCount(accountId),
    });
}

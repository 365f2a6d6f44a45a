import { invalidInput, VenusError, type AdminNewsItem, type NewsItemRequest } from "@venus/model";
import type { AccountContext } from "../context.js";
import { entryToRow, type NewsEntry } from "./news-board.js";
import { announceNewsChanged } from "./news-reading.js";

/** An item as admins see it. */
export function presentAdminNews(entry: NewsEntry): AdminNewsItem {
  return {
    id: entry.id,
    default_language: entry.defaultLanguage,
    translations: entry.translations,
    banner: entry.banner,
    created_at: entry.createdAt,
    updated_at: entry.updatedAt,
    published_at: entry.publishedAt,
  };
}

function checked(ctx: AccountContext, request: NewsItemRequest): NewsItemRequest {
  if (!Object.hasOwn(request.translations, request.default_language))
    throw invalidInput([
      { path: "translations", message: `has no ${request.default_language} (default_language)` },
    ]);
  if (Object.keys(request.translations).length > ctx.config.news.max_translations)
    throw invalidInput([
      {
        path: "translations",
        message: `more than news.max_translations (${ctx.config.news.max_translations})`,
      },
    ]);
  return request;
}

function entryOf(ctx: AccountContext, id: number): NewsEntry {
  const entry = ctx.news.items.get(id);
  if (!entry) throw new VenusError("not_found", `no news item ${id}`);
  return entry;
}

/** A version after the board's current one: every change moves the `news` sync version on. */
const changeTime = (ctx: AccountContext) => Math.max(ctx.now(), ctx.news.version() + 1);

/** Writes a new draft; resolves with it once committed. */
export async function createNews(ctx: AccountContext, request: NewsItemRequest): Promise<AdminNewsItem> {
  if (ctx.news.items.size >= ctx.config.news.max_items)
    throw new VenusError(
      "invalid_state",
      `there are news.max_items (${ctx.config.news.max_items}) items; delete one`,
    );
  const { default_language, translations, banner = null } = checked(ctx, request);
  const now = changeTime(ctx);
  const entry: NewsEntry = {
    id: 0,
    defaultLanguage: default_language,
    translations,
    banner,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
  };
  await ctx.writer.write(() => {
    entry.id = ctx.news.statements.insert(entryToRow(entry));
  });
  ctx.news.items.set(entry.id, entry);
  return presentAdminNews(entry);
}

async function change(
  ctx: AccountContext,
  entry: NewsEntry,
  apply: (entry: NewsEntry) => void,
  alsoWrite: () => void = () => undefined,
) {
  const wasPublished = entry.publishedAt !== null;
  apply(entry);
  entry.updatedAt = changeTime(ctx);
  await ctx.writer.write(() => {
    ctx.news.statements.update(entryToRow(entry));
    alsoWrite();
  });
  if (wasPublished || entry.publishedAt !== null) announceNewsChanged(ctx);
  return presentAdminNews(entry);
}

/** Replaces an item's texts and banner; a published item changes for readers at once. */
export function editNews(ctx: AccountContext, id: number, request: NewsItemRequest): Promise<AdminNewsItem> {
  const entry = entryOf(ctx, id);
  const { default_language, translations, banner = null } = checked(ctx, request);
  return change(ctx, entry, (e) =>
    Object.assign(e, { defaultLanguage: default_language, translations, banner }),
  );
}

/**
 * Publishes (again: as new, at the top) and tells every connection; devices without a live WebSocket
 * whose settings want news get a push, queued in the same commit.
 */
export async function publishNews(ctx: AccountContext, id: number): Promise<AdminNewsItem> {
  const entry = entryOf(ctx, id);
  const answer = await change(
    ctx,
    entry,
    (e) => {
      e.publishedAt = ctx.news.nextPublishTime(ctx.now());
    },
    () => {
      for (const account of ctx.cache.accounts.values())
        if (account.state === "normal" && !account.bot) ctx.push.record(account.id, "news");
    },
  );
  return answer;
}

export function unpublishNews(ctx: AccountContext, id: number): Promise<AdminNewsItem> {
  const entry = entryOf(ctx, id);
  if (entry.publishedAt === null) return Promise.resolve(presentAdminNews(entry));
  return change(ctx, entry, (e) => {
    e.publishedAt = null;
  });
}

export async function deleteNews(ctx: AccountContext, id: number): Promise<void> {
  const entry = entryOf(ctx, id);
  ctx.news.delete(id, changeTime(ctx));
  await ctx.writer.write(() => ctx.news.statements.delete(id));
  if (entry.publishedAt !== null) announceNewsChanged(ctx);
}

/** Every item, newest first: drafts too. */
export function listAdminNews(ctx: AccountContext): AdminNewsItem[] {
  return [...ctx.news.items.values()].sort((a, b) => b.id - a.id).map(presentAdminNews);
}

import { refusal, VenusClient } from "@venus/bot-client";
import type { AdminNewsItem, NewsBannerResponse, NewsItemRequest, NewsPage } from "@venus/model";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PASSWORD, signUpAndSetUp, uniqueEmail } from "../scenarios/steps/people.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { advanceClock, HOUR_S, TESTING_ENV } from "../testing/test-clock.js";

const ROOT_EMAIL = "news-root@example.com";
const fixture = useServer({
  config: {
    admin: { grant_email: ROOT_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    news: { page_size: 2 },
    testing: { clock: "2026-01-05T08:00:00Z" },
  },
  env: TESTING_ENV,
});

let root: VenusClient;
let reader: VenusClient;
beforeAll(async () => {
  root = (
    await signUpAndSetUp(fixture.server.url, {
      name: "Root",
      gender: "man",
      lookingFor: ["woman"],
      email: ROOT_EMAIL,
    })
  ).client;
  reader = await VenusClient.signUp(fixture.server.url, uniqueEmail("reader"), PASSWORD);
});
afterAll(async () => {
  await Promise.all([root?.close(), reader?.close()]);
});

const item = (title: string, extra: Partial<NewsItemRequest> = {}): NewsItemRequest => ({
  default_language: "en",
  translations: { en: { title, body: `${title} body` }, fi: { title: `${title} (fi)`, body: "teksti" } },
  ...extra,
});
const create = (request: NewsItemRequest) => root.http.post<AdminNewsItem>("/admin/news", request);
const publish = (id: number) => root.http.post<AdminNewsItem>(`/admin/news/${id}/publish`);
const page = (query: Record<string, string | number> = {}) => reader.http.get<NewsPage>("/news", query);
const unread = (count: number) => (data: { unread_count: number } | undefined) =>
  data?.unread_count === count;

describe("news", () => {
  test("only manage_news writes news; a draft without its default language's text is 400", async () => {
    await refusal(reader.http.post("/admin/news", item("no")), "forbidden");
    await refusal(reader.http.get("/admin/news"), "forbidden");
    const missing = await refusal(
      create({ default_language: "de", translations: { en: { title: "x", body: "" } } }),
      "validation_failed",
    );
    expect(missing.message).toContain("has no de");
    await refusal(root.http.post("/admin/news/999/publish"), "not_found");
  });

  test("a draft is unseen; published, every connection hears news_changed and reads it in its language or the default", async () => {
    const draft = await create(item("Hello"));
    expect(draft.published_at).toBeNull();
    expect(await page()).toEqual({ items: [], next_before: null, unread_count: 0 });
    const published = await publish(draft.id);
    expect(published.published_at).toBeGreaterThan(0);
    const event = await reader.next("news_changed", { predicate: unread(1) });
    expect(event?.version).toBe(published.updated_at);
    const fi = await page({ language: "fi" });
    expect(fi.items.map((i) => [i.title, i.language])).toEqual([["Hello (fi)", "fi"]]);
    expect(fi.unread_count).toBe(1);
    const fallback = await page({ language: "de" });
    expect(fallback.items.map((i) => [i.title, i.body, i.language])).toEqual([["Hello", "Hello body", "en"]]);
    // Without ?language the account's own language (PUT /account/language) is the reader's.
    expect((await reader.account.setLanguage("fi")).language).toBe("fi");
    expect((await page()).items.map((i) => i.language)).toEqual(["fi"]);
    expect((await page({ language: "de" })).items.map((i) => i.language)).toEqual(["en"]);
    expect((await reader.account.setLanguage(null)).language).toBeUndefined();
    expect((await page()).items.map((i) => i.language)).toEqual(["en"]);
    expect(await reader.http.get("/news/unread")).toEqual({ unread_count: 1 });
    expect(await reader.http.post("/news/seen")).toEqual({ unread_count: 0 });
    expect(await reader.http.get("/news/unread")).toEqual({ unread_count: 0 });
  });

  test("pages newest first; unpublishing takes an item out and tells readers", async () => {
    const ids: number[] = [];
    for (const title of ["Two", "Three", "Four"]) {
      const made = await create(item(title));
      await publish(made.id);
      ids.push(made.id);
    }
    await reader.next("news_changed", { predicate: unread(3) });
    const first = await page();
    expect(first.items.map((i) => i.title)).toEqual(["Four", "Three"]);
    expect(first.unread_count).toBe(3);
    const second = await page({ before: first.next_before ?? 0 });
    expect(second.items.map((i) => i.title)).toEqual(["Two", "Hello"]);
    expect(second.next_before).toBeNull();
    await root.http.post(`/admin/news/${ids[1]}/unpublish`);
    await reader.next("news_changed", { predicate: unread(2) });
    expect((await page()).items.map((i) => i.title)).toEqual(["Four", "Two"]);
    await refusal(page({ before: "x" }), "validation_failed");
    await refusal(page({ language: "English" }), "validation_failed");
  });

  test("a pinned banner shows with its severity until its end time, then is gone (the server's clock moved past it)", async () => {
    const until = (await advanceClock(fixture.server, 0)) + HOUR_S * 1000;
    const made = await create(item("Maintenance", { banner: { severity: "warning", until } }));
    expect((await reader.http.get<NewsBannerResponse>("/news/banner")).banner).toBeNull();
    await publish(made.id);
    const live = await reader.http.get<NewsBannerResponse>("/news/banner", { language: "fi" });
    expect(live.banner).toMatchObject({ title: "Maintenance (fi)", banner: { severity: "warning", until } });
    await advanceClock(fixture.server, HOUR_S - 60);
    expect((await reader.http.get<NewsBannerResponse>("/news/banner")).banner).not.toBeNull();
    await advanceClock(fixture.server, 61);
    expect((await reader.http.get<NewsBannerResponse>("/news/banner")).banner).toBeNull();
    expect((await page()).items[0]).toMatchObject({ title: "Maintenance", banner: null });
  });

  test("a connection whose news sync version is stale hears news_changed (no data) after welcome; deleting is for manage_news", async () => {
    const version = (await root.http.get<{ items: AdminNewsItem[] }>("/admin/news")).items.reduce(
      (max, i) => Math.max(max, i.updated_at),
      0,
    );
    await reader.reconnect({ sync: { news: version - 1 } });
    expect(await reader.next("news_changed", { predicate: (data) => data === undefined })).toBeUndefined();
    await root.http.delete(`/admin/news/${(await create(item("Gone"))).id}`);
    await refusal(root.http.delete("/admin/news/999999"), "not_found");
  });
});

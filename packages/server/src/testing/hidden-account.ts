import type { MatchesPage } from "@venus/model";
import { expect } from "vitest";
import { expectError } from "./account-flow.js";
import { createChatUser, makeMatch, nextEvent, send, type ChatUser } from "./chat-flow.js";
import { NEAR, as, browseIds, north, region, viewProfile, type NewProfile } from "./profile-flow.js";

type Server = { url: string; wsUrl: string };

/** `hidden` (who a ban or a deletion request hides), its match, and someone browsing nearby. */
export interface HidingWorld {
  match: ChatUser;
  hidden: ChatUser;
  browser: ChatUser;
}

/** Three people in a fresh region: `match` and `hidden` matched, `browser` finds `hidden` nearby. */
export async function hidingWorld(server: Server): Promise<HidingWorld> {
  const place = region(3);
  const woman = (): NewProfile => ({ gender: "woman", wantedGenders: ["man"], location: place });
  const match = await createChatUser(server, woman());
  const hidden = await createChatUser(server, {
    gender: "man",
    wantedGenders: ["woman"],
    location: north(place, 5),
  });
  const browser = await createChatUser(server, woman());
  await makeMatch(server, match, hidden);
  expect(await browseIds(server, browser, { filters: NEAR })).toContain(hidden.accountId);
  return { match, hidden, browser };
}

/** Hidden from everyone: browsing, profile views (its match too), images, likes, chat, match lists. */
export async function expectHiddenEverywhere(server: Server, world: HidingWorld): Promise<void> {
  const { match, hidden, browser } = world;
  expect(await browseIds(server, browser, { filters: NEAR })).not.toContain(hidden.accountId);
  expectError(await viewProfile(server, browser, hidden.accountId), 404, "not_found");
  expectError(await viewProfile(server, match, hidden.accountId), 404, "not_found");
  expectError(await as(server, browser).get(`/media/profile_content/${hidden.accountId}`), 404, "not_found");
  expectError(
    await as(server, browser).post("/chat/like", { account_id: hidden.accountId }),
    404,
    "blocked_or_not_found",
  );
  expectError(await send(server, match, hidden, "hello?"), 404, "blocked_or_not_found");
  const matches = await as(server, match).get<MatchesPage>("/chat/matches");
  expect(matches.body.matches.map((m) => m.account_id)).not.toContain(hidden.accountId);
}

/** Back: found when browsing, its profile shown to its match, and messages reach it again. */
export async function expectBackEverywhere(server: Server, world: HidingWorld): Promise<void> {
  const { match, hidden, browser } = world;
  expect(await browseIds(server, browser, { filters: NEAR })).toContain(hidden.accountId);
  expect((await viewProfile(server, match, hidden.accountId)).status).toBe(200);
  expect((await send(server, match, hidden, "welcome back")).status).toBe(200);
  expect((await nextEvent(hidden, "new_message")).data).toMatchObject({ sender: match.accountId });
}

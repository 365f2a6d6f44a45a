import { expect } from "vitest";
import { rowsNaming } from "./account-leftovers.js";
import {
  ackReceived,
  createChatUser,
  like,
  makeMatch,
  nextEvent,
  nextMessage,
  pending,
  sendOk,
  wsCall,
  type ChatUser,
} from "./chat-flow.js";
import { as, region, type NewProfile, type ProfileUser } from "./profile-flow.js";

type Server = { url: string; wsUrl: string; dataDir: string };

/** An account with something in every component, tied to three others in every way chat knows. */
export interface DeletionWorld {
  target: ChatUser;
  /**
   * A match: messages both ways (one delivered, one waiting), a read receipt, a favorite, and a report
   * each way.
   */
  match: ChatUser;
  /** Liked the target and keeps it as a favorite. */
  fan: ChatUser;
  /** Liked by the target, then blocked by it. */
  blocked: ChatUser;
}

async function ok<T>(reply: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await reply;
  expect(status, JSON.stringify(body)).toBeLessThan(300);
  return body;
}

/**
 * Builds a `DeletionWorld` in region `place`: rows naming the target in every table that can name
 * an account, its images on disk, and (through `root`, an admin with every permission) its API usage
 * and addresses flushed to history.sqlite.
 */
export async function deletionWorld(
  server: Server,
  root: ProfileUser,
  place = region(7),
): Promise<DeletionWorld> {
  const woman: NewProfile = { gender: "woman", wantedGenders: ["man"], location: place };
  const man: NewProfile = { gender: "man", wantedGenders: ["woman"], location: place };
  const target = await createChatUser(server, woman);
  const match = await createChatUser(server, man);
  const fan = await createChatUser(server, man);
  const blocked = await createChatUser(server, man);
  await makeMatch(server, target, match);
  await ok(like(server, fan, target));
  await ok(as(server, fan).put(`/profile/favorites/${target.accountId}`));
  await ok(as(server, target).put(`/profile/favorites/${match.accountId}`));
  await ok(like(server, target, blocked));
  await ok(as(server, target).post("/chat/block", { account_id: blocked.accountId }));
  const first = await sendOk(server, target, match, "hello");
  await ackReceived(server, match, [await nextMessage(match)]);
  await sendOk(server, target, match, "report me");
  expect(
    (await wsCall(match, "chat.seen", { account_id: target.accountId, number: first.number })).status,
  ).toBe(200);
  await nextEvent(target, "seen");
  await sendOk(server, match, target, "waiting for you");
  // Reports both ways: the match reports the target's message, the target reports the match's.
  const fromTarget = await nextMessage(match);
  await ackReceived(server, match, [fromTarget]);
  await ok(as(server, match).post("/chat/report", { category: "spam", messages: [fromTarget] }));
  const [toTarget] = await pending(server, target);
  await ok(as(server, target).post("/chat/report", { category: "other", messages: [toTarget] }));
  await ok(as(server, root).post("/admin/statistics/store_hour"));
  const tables = new Set((await rowsNaming(server, target.accountId)).map((found) => found.table));
  expect([...tables].sort()).toEqual(
    [
      "account.sqlite/account",
      "account.sqlite/email_verification",
      "account.sqlite/session",
      "chat.sqlite/blocks",
      "chat.sqlite/chat_account",
      "chat.sqlite/likes",
      "chat.sqlite/matches",
      "chat.sqlite/messages",
      "chat.sqlite/public_keys",
      "chat.sqlite/reports",
      "chat.sqlite/seen_receipts",
      "history.sqlite/account_address",
      "history.sqlite/account_usage",
      "media.sqlite/content",
      "media.sqlite/media_account",
      "profile.sqlite/favorite",
      "profile.sqlite/profile",
    ].sort(),
  );
  return { target, match, fan, blocked };
}

import type { ModerationQueuePage, OwnProfile, ProfileView } from "@venus/model";
import { expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import {
  as,
  browseIds,
  closeAll,
  createProfileUser,
  editProfile,
  expectProfileChanged,
  getOwnProfile,
  HELSINKI,
  NEAR,
  north,
  viewProfile,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { connect, login, PASSWORD, uniqueEmail } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

const ADMIN_EMAIL = "stored-fields-admin@example.com";
const config = { admin: { grant_email: ADMIN_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS };
const NEW_PASSWORD = "another long passphrase";

/**
 * After a restart the user signs in again (the password hash is read from account.sqlite); the sync
 * events a new connection gets, all sent before the answer to a ping, are dropped.
 */
async function signInAgain(server: RunningServer, email: string, before: ProfileUser): Promise<ProfileUser> {
  const user = await connect(server, await login(server, email));
  user.ws.send({ type: "ping", id: "synced" });
  await user.ws.take((frame) => frame.type === "pong");
  user.ws.discard((frame) => frame.type === "event");
  return { ...user, email, version: before.version };
}

const loginStatus = async (server: RunningServer, email: string, password: string) =>
  (await request(server.url, "POST", "/account/login", { body: { email, password } })).status;

/**
 * Start-up leaves password hashes and profile texts in SQLite (docs/architecture.md, "Start-up and
 * memory"): everything that reads them after a restart must see the stored values.
 */
test("after a restart, stored password hashes and profile texts are read where they are used", async () => {
  const first = await startServer({ config });
  const emails = { ann: uniqueEmail("ann"), cem: uniqueEmail("cem") };
  let second: RunningServer | undefined;
  try {
    const admin = await createProfileUser(first, {
      email: ADMIN_EMAIL,
      gender: "man",
      wantedGenders: ["woman"],
      location: HELSINKI,
    });
    const ann = await createProfileUser(first, { email: emails.ann, location: north(HELSINKI, 3.3) });
    const cem = await createProfileUser(first, { email: emails.cem, location: north(HELSINKI, 5.3) });
    await editProfile(first, ann, { text: "Hei 👋 maailma" }); // 13 characters, more bytes
    const accepted = await as(first, admin).post("/admin/profile/moderation", {
      account_id: ann.accountId,
      field: "text",
      accept: true,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await expectProfileChanged(ann);
    await editProfile(first, cem, { text: "waiting for a moderator" });
    closeAll([admin, ann, cem]);
    await first.stop();

    second = await startServer({ config, dataDir: first.dataDir });
    const server = second;
    const admin2 = await signInAgain(server, ADMIN_EMAIL, admin);
    const ann2 = await signInAgain(server, emails.ann, ann);

    const seen = await viewProfile(server, admin2, ann.accountId);
    expect(seen.status).toBe(200);
    expect((seen.body as { profile: ProfileView }).profile.text).toBe("Hei 👋 maailma");
    const withText = (min: number, max: number) =>
      browseIds(server, admin2, { filters: { ...NEAR, text_length: { min, max } } });
    expect(await withText(13, 13)).toEqual([ann.accountId]); // cem's text is not accepted: 0
    expect(await withText(14, 100)).toEqual([]);

    const queue = await as(server, admin2).get<ModerationQueuePage>("/admin/profile/moderation");
    const texts = queue.body.items.filter((item) => item.field === "text");
    expect(texts.map((item) => [item.account_id, item.value])).toEqual([
      [cem.accountId, "waiting for a moderator"],
    ]);

    // An edit of the name alone keeps the stored text, and a moderator's decision keeps it too.
    const edited = await editProfile(server, ann2, { name: "Anna" });
    expect(edited.text).toEqual({ value: "Hei 👋 maailma", state: "accepted" });
    const rejected = await as(server, admin2).post("/admin/profile/moderation", {
      account_id: cem.accountId,
      field: "text",
      accept: false,
      reason: "no",
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const cem2 = await signInAgain(server, emails.cem, cem);
    const own: OwnProfile = await getOwnProfile(server, cem2);
    expect(own.text).toEqual({ value: "waiting for a moderator", state: "rejected", reason: "no" });

    // The owner's password check reads the stored hash; the new one is held in memory.
    const changed = await as(server, ann2).post("/account/password", {
      current_password: PASSWORD,
      new_password: NEW_PASSWORD,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await loginStatus(server, emails.ann, PASSWORD)).toBe(401);
    expect(await loginStatus(server, emails.ann, NEW_PASSWORD)).toBe(200);
    expect(await loginStatus(server, emails.cem, "not the password")).toBe(401);
    closeAll([admin2, ann2, cem2]);
  } finally {
    await second?.stop();
    await first.stop();
    first.cleanup();
  }
});

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BotLogin, VenusClient, refusal } from "@venus/bot-client";
import { RUNTIME_FLAG_NAMES, type RuntimeFlagName, type RuntimeFlags } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { CENTRE, north } from "../scenarios/steps/places.js";
import {
  cleanPhoto,
  PASSWORD,
  publicPerson,
  signUpAndSetUp,
  uniqueEmail,
} from "../scenarios/steps/people.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { sleep } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { isAlive, startServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "flags-root@example.com";
const REMOTE_PASSWORD = "remote bots' password for the flag test";

const fixture = useServer({
  config: {
    admin: { grant_email: ROOT_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    bots: { remote_login_password: REMOTE_PASSWORD },
  },
});

let root: VenusClient;
beforeAll(async () => {
  root = (
    await signUpAndSetUp(fixture.server.url, {
      name: "Root",
      gender: "man",
      lookingFor: ["woman"],
      email: ROOT_EMAIL,
    })
  ).client;
});

/** Sets a flag as root and checks the answer holds it. */
async function setFlag<N extends RuntimeFlagName>(name: N, value: RuntimeFlags[N]): Promise<void> {
  expect((await root.admin.setFlag(name, value))[name]).toBe(value);
}

/** Waits for `value()` to be defined (or true), checking every 100 ms. */
async function until<T>(what: string, value: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = value();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(100);
  }
}

describe("the flags routes", () => {
  test("GET and PUT /admin/flags need edit_config: 403 without it, every flag with it", async () => {
    const user = await VenusClient.signUp(fixture.server.url, uniqueEmail("plain"), PASSWORD);
    await refusal(user.admin.flags(), "forbidden");
    await refusal(user.admin.setFlag("registration_enabled", false), "forbidden");
    expect(Object.keys(await root.admin.flags()).sort()).toEqual([...RUNTIME_FLAG_NAMES].sort());
    expect(await root.admin.flags()).toMatchObject({ registration_enabled: true, daily_likes: 0 });
    await user.close();
  });

  test("an unknown flag is 404 naming the flags; a value of the wrong type or out of bounds is 400", async () => {
    const unknown = await refusal(root.http.put("/admin/flags/no_such_flag", { value: true }), "not_found");
    expect(unknown.message).toContain("registration_enabled, remote_bot_login_enabled");
    const wrongType = await refusal(root.http.put("/admin/flags/registration_enabled", { value: "no" }));
    expect([wrongType.code, wrongType.message]).toEqual([
      "validation_failed",
      "registration_enabled: must be boolean",
    ]);
    const below = await refusal(
      root.http.put("/admin/flags/messages_per_day", { value: 0 }),
      "validation_failed",
    );
    expect(below.message).toMatch(/^messages_per_day: must be >= 1/);
    await refusal(root.http.put("/admin/flags/local_user_bots", { value: 10_001 }), "validation_failed");
    await refusal(root.http.put("/admin/flags/daily_likes", { value: 1.5 }), "validation_failed");
    expect(await root.admin.flags()).toMatchObject({ registration_enabled: true, messages_per_day: 200 });
  });
});

describe("flags take effect at once", () => {
  test("registration off: register refused and connected clients told (client_config_changed); on again", async () => {
    const { url } = fixture.server;
    const watcher = await VenusClient.signUp(url, uniqueEmail("watcher"), PASSWORD);
    expect(await watcher.account.clientConfig()).toMatchObject({ registration_enabled: true });
    await setFlag("registration_enabled", false);
    expect(await watcher.next("client_config_changed")).toMatchObject({
      registration_enabled: false,
      daily_likes: 0,
    });
    await refusal(VenusClient.register(url, uniqueEmail("refused"), PASSWORD), "registration_disabled");
    await setFlag("registration_enabled", true);
    expect(await watcher.next("client_config_changed")).toMatchObject({ registration_enabled: true });
    await VenusClient.register(url, uniqueEmail("welcome"), PASSWORD);
    // A flag clients do not depend on is not announced.
    await setFlag("remote_bot_login_enabled", false);
    await setFlag("remote_bot_login_enabled", true);
    await setFlag("messages_per_day", 150);
    expect(await watcher.next("client_config_changed")).toMatchObject({ messages_per_day: 150 });
    await setFlag("messages_per_day", 200);
    await watcher.close();
  });

  test("daily limits: likes, uploads, messages and browsing follow the flags from the next call on", async () => {
    const { url } = fixture.server;
    const near = (km: number) => north(CENTRE, km);
    const liker = await publicPerson(url, { name: "Liker", gender: "man", lookingFor: ["woman"] }, near(1));
    const [first, second] = await Promise.all(
      [2, 3].map((km) =>
        publicPerson(url, { name: "Liked", gender: "woman", lookingFor: ["man"] }, near(km)),
      ),
    );
    const { client } = liker;

    await setFlag("daily_likes", 1);
    expect(await client.chat.like(first!.client.accountId)).toMatchObject({ daily_likes_left: 0 });
    await refusal(client.chat.like(second!.client.accountId), "daily_like_limit");
    await setFlag("daily_likes", 0);
    expect(await client.chat.like(second!.client.accountId)).toMatchObject({ daily_likes_left: null });

    // Setup uploaded two images today.
    await setFlag("uploads_per_day", 2);
    expect((await client.media.content()).uploads_left_today).toBe(0);
    await refusal(client.media.upload(await cleanPhoto()), "upload_limit_reached");
    await setFlag("uploads_per_day", 50);
    expect((await client.media.content()).uploads_left_today).toBe(48);

    await setFlag("messages_per_day", 7);
    expect((await client.chat.state()).messages_left_today).toBe(7);
    await setFlag("messages_per_day", 200);

    await setFlag("daily_page_resets", 1);
    await client.profile.browseReset();
    await refusal(client.profile.browseReset(), "rate_limited");
    await setFlag("daily_page_resets", 200);
    await client.profile.browseReset();
    for (const person of [liker, first!, second!]) await person.client.close();
  });

  test("remote bot login: the flag switches it off (404, as an unknown route) and on again", async () => {
    const { url, botUrl } = fixture.server;
    const { account_id } = await BotLogin.registerLocal(botUrl);
    await BotLogin.remoteLogin(url, account_id, REMOTE_PASSWORD);
    await setFlag("remote_bot_login_enabled", false);
    await refusal(BotLogin.remoteLogin(url, account_id, REMOTE_PASSWORD), "not_found");
    await setFlag("remote_bot_login_enabled", true);
    expect((await BotLogin.remoteLogin(url, account_id, REMOTE_PASSWORD)).account_id).toBe(account_id);
  });
});

test("local_user_bots and moderation_bot_enabled restart the server's bot process at once; 0 and off stop it", async () => {
  const server = await startServer({
    config: { admin: { grant_email: ROOT_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS },
  });
  try {
    const admin = (
      await signUpAndSetUp(server.url, {
        name: "Root",
        gender: "man",
        lookingFor: ["woman"],
        email: ROOT_EMAIL,
      })
    ).client;
    const accountsFile = join(server.dataDir, "data", "bots.json");
    const botAccounts = () =>
      existsSync(accountsFile)
        ? (JSON.parse(readFileSync(accountsFile, "utf8")) as { users: string[]; moderator: string | null })
        : undefined;
    const running = (users: number, moderator: boolean) =>
      server.output.findLast(
        (line) =>
          line.includes('"msg":"bots running"') &&
          line.includes(`"users":${users}`) &&
          line.includes(`"moderation_bot":${moderator}`),
      );
    const pidOf = (line: string) => (JSON.parse(line) as { pid: number }).pid;

    expect(server.output.some((line) => line.includes('"worker":"bots"'))).toBe(false);
    await admin.admin.setFlag("local_user_bots", 1);
    const one = pidOf(await until("the bots run with 1 user", () => running(1, false)));
    expect(botAccounts()?.users).toHaveLength(1);

    await admin.admin.setFlag("moderation_bot_enabled", true);
    const both = pidOf(await until("the bots restart with the moderation bot", () => running(1, true)));
    expect(both).not.toBe(one);
    expect(isAlive(one)).toBe(false);
    expect(botAccounts()?.moderator).not.toBeNull();

    await admin.admin.setFlag("local_user_bots", 2);
    const two = pidOf(await until("the bots restart with 2 users", () => running(2, true)));
    expect(botAccounts()?.users).toHaveLength(2);

    await admin.admin.setFlag("local_user_bots", 0);
    await admin.admin.setFlag("moderation_bot_enabled", false);
    await until("the bots process has stopped", () => !isAlive(two));
    await admin.close();
    expect(await server.stop()).toBe(0);
  } finally {
    await server.stop("SIGKILL");
    server.cleanup();
  }
}, 120_000);

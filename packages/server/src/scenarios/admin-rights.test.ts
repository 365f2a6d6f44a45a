import { join } from "node:path";
import { VenusClient, refusal, type VenusApiError } from "@venus/bot-client";
import { PERMISSIONS } from "@venus/model";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";
import { PASSWORD, signUp, signUpAndSetUp, uniqueEmail, prepareSetup } from "./steps/people.js";

/**
 * Admin rights are granted once, and only to the configured email (`admin.grant_email`): the
 * first account with that email to complete setup gets every permission, any other account none.
 * Emails are unique, so a second account with that email cannot even be registered; the grant is
 * recorded once (the `admin_grant` table) and outlives a restart.
 */

const GRANT_EMAIL = "boss@example.com";
const config = { rate_limits: GENEROUS_RATE_LIMITS, admin: { grant_email: GRANT_EMAIL } };

let server: RunningServer | undefined;
const running = (): RunningServer => {
  if (!server) throw new Error("the server has not started");
  return server;
};
beforeAll(async () => {
  server = await startServer({ config });
});
afterAll(async () => {
  await server?.stop();
  server?.cleanup();
});

/** Every admin route a client has, each as a call that either succeeds or is refused. */
const adminCalls = (client: VenusClient) => ({
  flags: () => client.admin.flags(),
  statistics: () => client.admin.statistics(),
  statisticsHistory: () => client.admin.statisticsHistory(),
  mediaModerationQueue: () => client.admin.mediaModerationQueue(),
  profileModerationQueue: () => client.admin.profileModerationQueue(),
  reports: () => client.admin.reports(),
  runDailyTask: () => client.admin.runDailyTask(),
});

/** Each admin route refused with `403 forbidden`. */
async function expectNoAdminRoute(client: VenusClient): Promise<void> {
  for (const [name, call] of Object.entries(adminCalls(client))) {
    const error: VenusApiError = await refusal(call(), "forbidden");
    expect(error.status, name).toBe(403);
  }
}

/** The grants recorded in the account database (read with the server stopped or running). */
function recordedGrants(dataDir: string): { email: string; account_id: string }[] {
  const db = new Database(join(dataDir, "data", "account.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return db.prepare("SELECT email, account_id FROM admin_grant").all() as {
      email: string;
      account_id: string;
    }[];
  } finally {
    db.close();
  }
}

test("the configured email's first completed setup gets every permission; nobody else gets any; recorded once", async () => {
  const { url } = running();

  // Otto completes setup first, with another email: no permissions, every admin route refused.
  const otto = await signUpAndSetUp(url, { name: "Otto", gender: "man", lookingFor: ["woman"] });
  expect(otto.state).toMatchObject({ state: "normal", permissions: [] });
  await expectNoAdminRoute(otto.client);

  // The boss registers (the email is lower-cased, so any case is the configured email): nothing
  // during setup.
  const boss = await signUp(url, "Boss@Example.COM");
  expect(await boss.account.state()).toMatchObject({ state: "initial_setup", permissions: [] });
  await expectNoAdminRoute(boss);
  await prepareSetup(boss, { name: "Bea", gender: "woman", lookingFor: ["man"] });

  // Completing setup grants every permission, and the boss's devices are told.
  const granted = await boss.account.completeSetup();
  expect(granted.state).toBe("normal");
  expect([...granted.permissions].sort()).toEqual([...PERMISSIONS].sort());
  const told = await boss.next("account_state_changed", { predicate: (data) => data !== undefined });
  expect([...(told?.permissions ?? [])].sort()).toEqual([...PERMISSIONS].sort());
  for (const [name, call] of Object.entries(adminCalls(boss)))
    await expect(call(), name).resolves.toBeDefined();
  // The boss sees Otto's private profile and his waiting images; Otto cannot see the boss's.
  expect(await boss.profile.get(otto.client.accountId)).toMatchObject({
    unchanged: false,
    profile: { account_id: otto.client.accountId },
  });
  const queue = await boss.admin.mediaModerationQueue();
  expect(queue.items.map((item) => item.content_id)).toEqual(
    expect.arrayContaining([otto.selfie, otto.image]),
  );
  expect((await refusal(otto.client.profile.get(boss.accountId), "not_found")).status).toBe(404);

  // A second account with the configured email cannot exist: registration says email_taken.
  for (const email of [GRANT_EMAIL, "BOSS@example.com"])
    expect((await refusal(VenusClient.register(url, email, PASSWORD), "email_taken")).status).toBe(409);
  // Another email that merely looks alike gets nothing.
  const lookalike = await signUpAndSetUp(url, {
    name: "Boris",
    gender: "man",
    lookingFor: ["woman"],
    email: uniqueEmail("boss"),
  });
  expect(lookalike.state.permissions).toEqual([]);
  // Otto still has nothing.
  expect((await otto.client.account.state()).permissions).toEqual([]);

  // The grant is recorded once, for the boss's account.
  for (const client of [otto.client, boss, lookalike.client]) await client.close();
  const first = running();
  await first.stop();
  expect(recordedGrants(first.dataDir)).toEqual([{ email: GRANT_EMAIL, account_id: boss.accountId }]);

  // After a restart on the same data the rights are where they were, and still recorded once.
  server = await startServer({ config, dataDir: first.dataDir });
  const again = await VenusClient.signIn(server.url, GRANT_EMAIL, PASSWORD);
  expect([...(await again.account.state()).permissions].sort()).toEqual([...PERMISSIONS].sort());
  expect(await again.admin.flags()).toMatchObject({ registration_enabled: true });
  const ottoAgain = await VenusClient.signIn(server.url, otto.email, PASSWORD);
  expect((await ottoAgain.account.state()).permissions).toEqual([]);
  await expectNoAdminRoute(ottoAgain);
  expect(recordedGrants(server.dataDir)).toEqual([{ email: GRANT_EMAIL, account_id: boss.accountId }]);
  for (const client of [again, ottoAgain]) await client.close();
});

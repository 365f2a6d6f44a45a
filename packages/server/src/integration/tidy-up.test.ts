import type { VenusClient } from "@venus/bot-client";
import type { DailyTaskReport, OwnContentResponse } from "@venus/model";
import { startSmtpSink, type SmtpSink } from "@venus/simple-backend/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signUpAndSetUp, uniqueEmail } from "../scenarios/steps/people.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { codeIn, expectMail, requestCode, smtpTo, verifyCode } from "../testing/email-flow.js";
import { uploadImage } from "../testing/media-flow.js";
import { as, createProfileUser } from "../testing/profile-flow.js";
import { eventually } from "../testing/push/push-flow.js";
import { connect } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";
import { advanceClock, DAY_S, HOUR_S, TESTING_ENV } from "../testing/test-clock.js";

// The defaults (730, 30 and 365 days) on the server's test clock, starting at noon.
const ROOT_EMAIL = "tidy-root@example.com";
let sink: SmtpSink;
let server: RunningServer;
let root: VenusClient;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({
    config: {
      admin: { grant_email: ROOT_EMAIL },
      rate_limits: GENEROUS_RATE_LIMITS,
      email: smtpTo(sink.port),
      tidy_up: { unused_account_days: 730, warning_days: 30, unused_content_days: 365 },
      testing: { clock: "2026-01-05T12:00:00Z" },
    },
    env: TESTING_ENV,
  });
  root = (
    await signUpAndSetUp(server.url, {
      name: "Root",
      gender: "man",
      lookingFor: ["woman"],
      email: ROOT_EMAIL,
    })
  ).client;
});
afterAll(async () => {
  await root?.close();
  await server?.stop();
  await sink?.close();
  server?.cleanup();
});

/** Signs in with an email code (a verified address) and connects: seen now. Close `ws` to go away. */
async function signInByCode(email: string) {
  const mail = expectMail(sink, email, /code/);
  const asked = await requestCode(server, email);
  const signedIn = await verifyCode(server, asked.body.client_token, codeIn(await mail));
  expect(signedIn.status).toBe(200);
  return connect(server, signedIn.body);
}

const runDaily = () => root.http.post<DailyTaskReport>("/admin/daily_task/run");
const stateOf = async (id: string) => (await root.http.get<{ state: string }>(`/admin/accounts/${id}`)).state;

/**
 * Moves the clock forward by `days`, less an hour: past the daily task's time (03:00 UTC), which the
 * server then runs by itself; answers that run's report from its log.
 */
async function scheduledRunAfter(days: number): Promise<DailyTaskReport> {
  const seen = server.output.length;
  const done = () => server.output.slice(seen).find((line) => line.includes('"msg":"daily task done"'));
  await advanceClock(server, days * DAY_S - HOUR_S);
  await eventually(() => done() !== undefined, "the scheduled daily task");
  return JSON.parse(done() as string) as DailyTaskReport;
}

describe("the tidy-up of unused accounts", () => {
  test("warned by mail once unused; still unused after the warning period, into the deletion wait; seen again, spared; online and admins never", async () => {
    const [idle, back, online] = [uniqueEmail("idle"), uniqueEmail("back"), uniqueEmail("online")];
    const idleUser = await signInByCode(idle);
    const backUser = await signInByCode(back);
    const onlineUser = await signInByCode(online);
    // Its account's language is Finnish: so is its warning.
    expect((await as(server, backUser).put("/account/language", { language: "fi" })).status).toBe(200);
    idleUser.ws.close();
    backUser.ws.close();
    // An hour before the limit the scheduled run warns nobody; two hours later, the unused two.
    expect(await scheduledRunAfter(730)).toMatchObject({ unused_accounts_warned: 0 });
    await advanceClock(server, 2 * HOUR_S);
    const warning = expectMail(sink, idle, /will be deleted/);
    const finnish = expectMail(sink, back, /tilisi poistetaan/);
    expect(await runDaily()).toMatchObject({ unused_accounts_warned: 2, unused_accounts_to_delete: 0 });
    expect((await warning).text).toContain("has not been used");
    expect((await finnish).text).toContain("ei ole käytetty");
    // Within the warning period nothing more happens.
    expect(await runDaily()).toMatchObject({ unused_accounts_warned: 0, unused_accounts_to_delete: 0 });
    // One comes back (signs in and connects) before the period ends.
    (await signInByCode(back)).ws.close();
    expect(await scheduledRunAfter(30)).toMatchObject({ unused_accounts_to_delete: 0 });
    await advanceClock(server, 2 * HOUR_S);
    expect(await runDaily()).toMatchObject({ unused_accounts_to_delete: 1 });
    expect(await stateOf(idleUser.accountId)).toBe("pending_deletion");
    expect(await stateOf(backUser.accountId)).toBe("initial_setup");
    expect(await stateOf(onlineUser.accountId)).toBe("initial_setup");
    const warned = (to: string) =>
      sink.mails.filter((m) => m.to.includes(to) && /will be deleted/.test(m.subject));
    expect(warned(online)).toEqual([]);
    expect(warned(ROOT_EMAIL)).toEqual([]);
    onlineUser.ws.close();
  }, 120_000);
});

describe("the tidy-up of unused content", () => {
  test("an item outside the profile and the selfie, older than the limit, is deleted; those in use stay", async () => {
    const user = await createProfileUser(server, { name: "Pia" });
    const before = (await as(server, user).get<OwnContentResponse>("/media/content")).body.items.map(
      (i) => i.content_id,
    );
    const extra = await uploadImage(server, user);
    expect((await scheduledRunAfter(365)).unused_content_deleted).toBe(0);
    await advanceClock(server, 2 * HOUR_S);
    expect((await runDaily()).unused_content_deleted).toBe(1);
    const after = (await as(server, user).get<OwnContentResponse>("/media/content")).body.items.map(
      (i) => i.content_id,
    );
    expect(before).toHaveLength(2);
    expect(after).toEqual(before);
    expect(after).not.toContain(extra);
    expect((await runDaily()).unused_content_deleted).toBe(0);
    user.ws.close();
  });
});

import type { MessageEnvelope, ReportsPage } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import {
  ackReceived,
  ackSent,
  createChatUser,
  makeMatch,
  matchedPair,
  nextEvent,
  nextMessage,
  sendOk,
  storedMessagesOf,
  toBase64,
  type ChatUser,
} from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as, createProfileUser, moderationQueue, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

const ADMIN_EMAIL = "chat-moderator@example.com";
const MAX_MESSAGES = 3;
const PAGE_SIZE = 2;

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    chat: { report_max_messages: MAX_MESSAGES },
    reports: { page_size: PAGE_SIZE },
  },
});

let admin: ProfileUser;
beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Boss" });
});

type Report = ReportsPage["items"][number];

/** The waiting reports (the message reports' queue is the one report queue). */
const { all: allReports } = moderationQueue<ReportsPage>(fixture, () => admin, "/admin/reports", PAGE_SIZE);

const report = (
  reporter: ChatUser,
  messages: unknown[],
  details = "they keep writing",
  category = "harassment",
) => as(fixture.server, reporter).post("/chat/report", { category, details, messages });

async function reportOk(reporter: ChatUser, messages: MessageEnvelope[], status = 201): Promise<number> {
  const reply = await report(reporter, messages);
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toEqual({ report_id: expect.any(Number) });
  return reply.body.report_id as number;
}

const reportsBy = async (reporter: ChatUser): Promise<Report[]> =>
  (await allReports()).filter((item) => item.reporter === reporter.accountId);

/** `count` messages from `from` to `to`, as `to` received them. */
async function received(from: ChatUser, to: ChatUser, count: number): Promise<MessageEnvelope[]> {
  const envelopes: MessageEnvelope[] = [];
  for (let i = 1; i <= count; i++) {
    await sendOk(fixture.server, from, to, `message ${i}`);
    envelopes.push(await nextMessage(to));
  }
  return envelopes;
}

/** Accepts a report as the admin, so that the reporter may report the same sender again. */
async function decide(reportId: number): Promise<void> {
  const reply = await as(fixture.server, admin).post(`/admin/reports/${reportId}/decision`, {
    decision: "accept",
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

describe("reporting messages", () => {
  test("the recipient reports received envelopes (201 report_id); an admin lists them verified, exactly as sent", async () => {
    const [alice, bob] = await matchedPair(fixture.server);
    const envelopes = await received(alice, bob, 2);
    const reportId = await reportOk(bob, envelopes);
    expect(await reportsBy(bob)).toEqual([
      {
        report_id: reportId,
        kind: "messages",
        reporter: bob.accountId,
        reported: alice.accountId,
        category: "harassment",
        details: "they keep writing",
        created_at: expect.any(Number),
        state: "waiting",
        decided_at: null,
        decided_by: null,
        note: null,
        messages: envelopes,
        verified: true,
      },
    ]);
    // While it waits, reporting the same sender again answers it (200) and keeps nothing new.
    expect(await reportOk(bob, envelopes.slice(1), 200)).toBe(reportId);
    expect((await reportsBy(bob)).map((r) => [r.report_id, r.messages])).toEqual([[reportId, envelopes]]);
    // Once decided, a new report gets a later id.
    await decide(reportId);
    const second = await reportOk(bob, envelopes.slice(1));
    expect(second).toBeGreaterThan(reportId);
    expect((await reportsBy(bob)).map((r) => [r.report_id, r.messages])).toEqual([
      [second, envelopes.slice(1)],
    ]);
  });

  test("GET /admin/reports without the process_reports permission is 403 forbidden", async () => {
    const user = await createChatUser(fixture.server);
    expectError(await as(fixture.server, user).get("/admin/reports?kind=messages"), 403, "forbidden");
    expectError(
      await as(fixture.server, { accessToken: "" }).get("/admin/reports?kind=messages"),
      401,
      "invalid_token",
    );
  });

  test("a tampered envelope (body, number, sent_at, key id, uuid or signature changed) is 422 envelope_invalid; nothing is kept", async () => {
    const [alice, bob] = await matchedPair(fixture.server);
    const [first, second] = (await received(alice, bob, 2)) as [MessageEnvelope, MessageEnvelope];
    const tampered: Record<string, MessageEnvelope> = {
      body: { ...first, body: toBase64("something else entirely") },
      number: { ...first, number: first.number + 1 },
      sent_at: { ...first, sent_at: first.sent_at - 1 },
      sender_key_id: { ...first, sender_key_id: first.sender_key_id + 1 },
      uuid: { ...first, uuid: second.uuid },
      signature: { ...first, signature: second.signature },
    };
    for (const [field, envelope] of Object.entries(tampered)) {
      const reply = await report(bob, [second, envelope]);
      expect(reply.status, field).toBe(422);
      expectError(reply, 422, "envelope_invalid");
    }
    expect(await reportsBy(bob)).toEqual([]);
  });

  test("an envelope not addressed to the reporter is 422 envelope_invalid: the sender reporting its own message, or a third account", async () => {
    const [alice, bob] = await matchedPair(fixture.server);
    const carol = await createChatUser(fixture.server, { gender: "man", wantedGenders: ["woman"] });
    await makeMatch(fixture.server, alice, carol);
    const envelopes = await received(alice, bob, 1);
    expectError(await report(alice, envelopes), 422, "envelope_invalid");
    expectError(await report(carol, envelopes), 422, "envelope_invalid");
    expect(await reportsBy(alice)).toEqual([]);
    expect(await reportsBy(carol)).toEqual([]);
  });

  test("envelopes from two senders in one report are 422 envelope_invalid; each sender's alone is accepted", async () => {
    const [alice, bob] = await matchedPair(fixture.server);
    const dana = await createChatUser(fixture.server, { gender: "woman", wantedGenders: ["man"] });
    await makeMatch(fixture.server, dana, bob);
    const fromAlice = await received(alice, bob, 1);
    const fromDana = await received(dana, bob, 1);
    expectError(await report(bob, [...fromAlice, ...fromDana]), 422, "envelope_invalid");
    expectError(await report(bob, [...fromDana, ...fromAlice]), 422, "envelope_invalid");
    expect(await reportsBy(bob)).toEqual([]);
    await reportOk(bob, fromAlice);
    await reportOk(bob, fromDana);
    expect((await reportsBy(bob)).map((r) => r.reported)).toEqual([alice.accountId, dana.accountId]);
  });

  test(`at most chat.report_max_messages (${MAX_MESSAGES}) envelopes: ${MAX_MESSAGES} pass, ${MAX_MESSAGES + 1} are 400 validation_failed, none 400`, async () => {
    const [alice, bob] = await matchedPair(fixture.server);
    const envelopes = await received(alice, bob, MAX_MESSAGES + 1);
    expectError(await report(bob, envelopes), 400, "validation_failed");
    expectError(await report(bob, []), 400, "validation_failed");
    expect(await reportsBy(bob)).toEqual([]);
    await reportOk(bob, envelopes.slice(0, MAX_MESSAGES));
    expect((await reportsBy(bob)).map((r) => r.messages)).toEqual([envelopes.slice(0, MAX_MESSAGES)]);
  });

  test("category must be one of reports.categories and details at most 2000 bytes (400 validation_failed)", async () => {
    const [alice, bob] = await matchedPair(fixture.server);
    const envelopes = await received(alice, bob, 1);
    expectError(await report(bob, envelopes, "x", "rude"), 400, "validation_failed");
    expectError(await report(bob, envelopes, "x".repeat(2001)), 400, "validation_failed");
    expect((await report(bob, envelopes, "x".repeat(2000), "spam")).status).toBe(201);
    expect(await reportsBy(bob)).toMatchObject([{ category: "spam", details: "x".repeat(2000) }]);
  });

  test("a report outlives the message: made after both sides acknowledged (row deleted) it is accepted and verified, and an earlier one stays", async () => {
    const [alice, bob] = await matchedPair(fixture.server);
    const envelopes = await received(alice, bob, 2);
    const before = await reportOk(bob, envelopes.slice(0, 1));
    expect(await ackReceived(fixture.server, bob, envelopes)).toBe(2);
    await nextEvent(alice, "delivered");
    expect(
      await ackSent(
        fixture.server,
        alice,
        envelopes.map((e) => e.uuid),
      ),
    ).toBe(2);
    expect(
      storedMessagesOf(
        fixture.server,
        envelopes.map((e) => e.uuid),
      ),
    ).toEqual([]);

    expect(await reportsBy(bob)).toEqual([
      expect.objectContaining({ report_id: before, messages: envelopes.slice(0, 1), verified: true }),
    ]);
    await decide(before);
    const after = await reportOk(bob, envelopes);
    expect(await reportsBy(bob)).toEqual([
      expect.objectContaining({ report_id: after, messages: envelopes, verified: true }),
    ]);
    const accepted = await as(fixture.server, admin).get<ReportsPage>(
      "/admin/reports?state=accepted&kind=messages",
    );
    expect(accepted.body.items).toContainEqual(
      expect.objectContaining({ report_id: before, messages: envelopes.slice(0, 1), verified: true }),
    );
  });
});

describe("the report route's body limit (chat.report_max_messages 1, chat.max_message_bytes 1000, reports.details_max_bytes 6000)", () => {
  const small = useServer({
    config: {
      rate_limits: GENEROUS_RATE_LIMITS,
      chat: { report_max_messages: 1, max_message_bytes: 1000 },
      reports: { details_max_bytes: 6000 },
    },
  });

  test("a report of one full-size message with 6000 bytes of details (2000 characters of 3 bytes each) is accepted", async () => {
    const { server } = small;
    const [alice, bob] = await matchedPair(server);
    await sendOk(server, alice, bob, "", { body: Buffer.alloc(1000, 1).toString("base64") });
    const envelope = await nextMessage(bob);
    const details = "界".repeat(2000);
    const reply = await as(server, bob).post("/chat/report", {
      category: "other",
      details,
      messages: [envelope],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  });
});

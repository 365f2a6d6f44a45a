import { jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { VideoCallResponse } from "@venus/model";
import { expectError } from "../testing/account-flow.js";
import { closeAll, as } from "../testing/profile-flow.js";
import { createChatUser, matchedPair, type ChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { startServer } from "../testing/spawn-server.js";

const JWT_SECRET = "the meeting server's token secret, 32+ bytes";
const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    video_calls: {
      url: "https://meet.example.test/",
      room_secret: "room names are keyed with this secret of 40+ chars",
      jwt_app_id: "venus-test",
      jwt_secret: JWT_SECRET,
      jwt_ttl_seconds: 600,
    },
  },
});

const users: ChatUser[] = [];
afterAll(() => closeAll(users));

const roomOf = (from: ChatUser, to: ChatUser) =>
  as(fixture.server, from).get<VideoCallResponse>(`/chat/video_call/${to.accountId}`);

describe("video calls", () => {
  let a: ChatUser;
  let b: ChatUser;
  beforeAll(async () => {
    [a, b] = await matchedPair(fixture.server);
    users.push(a, b);
  });

  test("two matches get the same unguessable room, with a token the meeting server accepts", async () => {
    const [fromA, fromB] = [await roomOf(a, b), await roomOf(b, a)];
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    expect(fromA.body.room).toBe(fromB.body.room);
    expect(fromA.body.room).toMatch(/^venus-[A-Za-z0-9_-]{32}$/);
    for (const id of [a.accountId, b.accountId]) expect(fromA.body.room).not.toContain(id.slice(0, 8));
    expect(fromA.body.url).toBe(`https://meet.example.test/${fromA.body.room}?jwt=${fromA.body.jwt}`);
    const { payload } = await jwtVerify(fromA.body.jwt ?? "", new TextEncoder().encode(JWT_SECRET), {
      issuer: "venus-test",
      audience: "jitsi",
      subject: "meet.example.test",
    });
    expect(payload.room).toBe(fromA.body.room);
    expect(payload.context).toEqual({ user: { id: a.accountId } });
    expect((payload.exp ?? 0) * 1000).toBe(fromA.body.expires_at);
    expect((fromA.body.expires_at ?? 0) - (payload.iat ?? 0) * 1000).toBe(600_000);
    await expect(
      jwtVerify(fromA.body.jwt ?? "", new TextEncoder().encode("another secret of enough length!!")),
    ).rejects.toThrow();
  });

  test("no room for someone who is not a match, nor once either side blocked the other", async () => {
    const stranger = await createChatUser(fixture.server, { gender: "man", wantedGenders: ["woman"] });
    users.push(stranger);
    expectError(await roomOf(a, stranger), 403, "not_a_match");
    expectError(await roomOf(a, a), 404, "blocked_or_not_found");
    const blocked = await as(fixture.server, b).post("/chat/block", { account_id: a.accountId });
    expect(blocked.status).toBe(200);
    expectError(await roomOf(a, b), 404, "blocked_or_not_found");
    expectError(await roomOf(b, a), 404, "blocked_or_not_found");
  });
});

describe("video calls off or misconfigured", () => {
  test("without video_calls.url the route answers 503 video_calls_not_configured", async () => {
    const server = await startServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });
    try {
      const [a, b] = await matchedPair(server);
      expectError(
        await as(server, a).get(`/chat/video_call/${b.accountId}`),
        503,
        "video_calls_not_configured",
      );
      closeAll([a, b]);
    } finally {
      await server.stop();
      server.cleanup();
    }
  });

  test("a url without a room secret of 32 characters stops the server at start-up", async () => {
    await expect(
      startServer({ config: { video_calls: { url: "https://meet.example.test", room_secret: "short" } } }),
    ).rejects.toThrow(/exited \(2\)[\s\S]*video_calls: room_secret must have at least 32 characters/);
  });
});

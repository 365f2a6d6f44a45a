import type { MatchesPage, ReceivedLikesPage } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { createChatUser, like, makeMatch, nextEvent, type ChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as, createProfileUser, setVisibility, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, connect, login } from "../testing/sign-in.js";

const ROOT_EMAIL = "list-versions-root@example.com";
const fixture = useServer({
  config: { admin: { grant_email: ROOT_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS },
});

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
});

/** A versioned list of the owner's that names `other`, and how `other` gets into it. */
interface ListUnderTest {
  sync: "matches" | "received_likes";
  path: string;
  ids(body: unknown): string[];
  join(owner: ChatUser, other: ChatUser): Promise<void>;
}

const LISTS: ListUnderTest[] = [
  {
    sync: "matches",
    path: "/chat/matches",
    ids: (body) => (body as MatchesPage).matches.map((match) => match.account_id),
    join: (owner, other) => makeMatch(fixture.server, other, owner),
  },
  {
    sync: "received_likes",
    path: "/chat/likes/received",
    ids: (body) => (body as ReceivedLikesPage).likes.map((liked) => liked.account_id),
    join: async (owner, other) => {
      expect((await like(fixture.server, other, owner)).status).toBe(200);
      await nextEvent(owner, "like_received");
    },
  },
];

const ok = async (reply: Promise<{ status: number; body: unknown }>) => {
  const { status, body } = await reply;
  expect(status, JSON.stringify(body)).toBe(200);
};

describe.each(LISTS)("the $sync list", (list) => {
  const read = async (owner: ChatUser) => {
    const reply = await as(fixture.server, owner).get<{ version: number }>(list.path);
    expect(reply.status).toBe(200);
    return { ids: list.ids(reply.body), version: reply.body.version };
  };

  test("moves its version and is announced whenever the other side goes out of use or comes back", async () => {
    const owner = await createChatUser(fixture.server, { gender: "woman", wantedGenders: ["man"] });
    const other = await createChatUser(fixture.server, { gender: "man", wantedGenders: ["woman"] });
    await list.join(owner, other);
    const first = await read(owner);
    expect(first.ids).toEqual([other.accountId]);
    let last = first;
    /** After `change`, the owner's devices are told and the list is `shown` under a new version. */
    const expectChange = async (change: () => Promise<void>, shown: string[]) => {
      await change();
      await nextEvent(owner, `${list.sync}_changed`);
      const now = await read(owner);
      expect(now.ids).toEqual(shown);
      expect(now.version).not.toBe(last.version);
      last = now;
    };
    const admin = as(fixture.server, root);
    await expectChange(
      () => ok(as(fixture.server, other).post("/account/delete", { password: PASSWORD })),
      [],
    );
    await expectChange(() => ok(as(fixture.server, other).post("/account/delete/cancel")), [other.accountId]);
    await expectChange(
      () => ok(admin.post(`/admin/accounts/${other.accountId}/ban`, { reason: "test", until: null })),
      [],
    );
    await expectChange(() => ok(admin.post(`/admin/accounts/${other.accountId}/unban`)), [other.accountId]);

    // A device that was away since the first read learns of the change when it connects.
    const away = await connect(fixture.server, await login(fixture.server, owner.email), {
      sync: { [list.sync]: first.version },
    });
    await nextEvent(away, `${list.sync}_changed`);
    const current = await connect(fixture.server, await login(fixture.server, owner.email), {
      sync: { [list.sync]: last.version },
    });
    current.ws.send({ type: "ping", id: "after-sync" });
    const frames = [];
    for (let frame = await current.ws.next(); frame.type !== "pong"; frame = await current.ws.next())
      frames.push(frame);
    expect(frames).not.toContainEqual({ type: "event", event: `${list.sync}_changed` });
    for (const user of [owner, other, away, current]) user.ws.close();
  });

  test("a block by the other side moves the version (told on the next connection); its visibility does not", async () => {
    const owner = await createChatUser(fixture.server, { gender: "woman", wantedGenders: ["man"] });
    const other = await createChatUser(fixture.server, { gender: "man", wantedGenders: ["woman"] });
    await list.join(owner, other);
    const first = await read(owner);
    await setVisibility(fixture.server, other, "private");
    expect(await read(owner)).toEqual(first);

    await ok(as(fixture.server, other).post("/chat/block", { account_id: owner.accountId }));
    const blocked = await read(owner);
    expect(blocked.ids).toEqual([]);
    expect(blocked.version).not.toBe(first.version);
    const away = await connect(fixture.server, await login(fixture.server, owner.email), {
      sync: { [list.sync]: first.version },
    });
    await nextEvent(away, `${list.sync}_changed`);

    await ok(as(fixture.server, other).post("/chat/unblock", { account_id: owner.accountId }));
    const unblocked = await read(owner);
    expect(unblocked.ids).toEqual([other.accountId]);
    expect(unblocked.version).not.toBe(blocked.version);
    for (const user of [owner, other, away]) user.ws.close();
  });
});

describe("another account's profile", () => {
  test("a version never masks hiding: a banned profile is 404 even to a client with its current version; back, it is unchanged", async () => {
    const owner = await createChatUser(fixture.server, { gender: "woman", wantedGenders: ["man"] });
    const other = await createChatUser(fixture.server, { gender: "man", wantedGenders: ["woman"] });
    await makeMatch(fixture.server, owner, other);
    const view = (version?: number) =>
      as(fixture.server, owner).get<{ unchanged: boolean; version?: number; profile?: { version: number } }>(
        `/profile/${other.accountId}${version === undefined ? "" : `?version=${version}`}`,
      );
    const version = (await view()).body.profile?.version ?? -1;
    expect((await view(version)).body).toMatchObject({ unchanged: true, version });
    const admin = as(fixture.server, root);
    await ok(admin.post(`/admin/accounts/${other.accountId}/ban`, { reason: "test", until: null }));
    expect((await view(version)).status).toBe(404);
    expect((await as(fixture.server, owner).get(`/media/profile_content/${other.accountId}`)).status).toBe(
      404,
    );
    await ok(admin.post(`/admin/accounts/${other.accountId}/unban`));
    expect((await view(version)).body).toMatchObject({ unchanged: true, version });
    for (const user of [owner, other]) user.ws.close();
  });
});

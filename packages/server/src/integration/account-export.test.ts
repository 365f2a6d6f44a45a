import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DataExportStatus, OwnContentResponse } from "@venus/model";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { pathsNaming } from "../testing/account-leftovers.js";
import { runDailyTask } from "../testing/admin-flow.js";
import { createChatUser, nextEvent, setChatSettings, testPublicKey } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { deletionWorld } from "../testing/deletion-world.js";
import { request } from "../testing/http-client.js";
import { fetchImage } from "../testing/media-disk.js";
import { uploadImage } from "../testing/media-flow.js";
import { as, createProfileUser, region, sleep, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { connect, login } from "../testing/sign-in.js";
import { startServer } from "../testing/spawn-server.js";

const ROOT_EMAIL = "export-root@example.com";
const HOUR_MS = 3_600_000;
const TTL_MS = 6000;
const INTERVAL_MS = 3000;

const config = {
  admin: { grant_email: ROOT_EMAIL },
  rate_limits: GENEROUS_RATE_LIMITS,
  account: { export_ttl_hours: TTL_MS / HOUR_MS, export_min_interval_hours: INTERVAL_MS / HOUR_MS },
};

const fixture = useServer({ config });

let root: ProfileUser;
beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
});

type Server = { url: string; wsUrl: string };

const ask = (server: Server, user: { accessToken: string }) =>
  as(server, user).post<DataExportStatus>("/account/export");
const status = async (server: Server, user: { accessToken: string }) =>
  (await as(server, user).get<DataExportStatus>("/account/export")).body;
const download = (server: Server, user: { accessToken: string }) =>
  request<Buffer>(server.url, "GET", "/account/export/download", { token: user.accessToken, binary: true });

/** Asks for an export and waits for `data_export_ready`; resolves with its `expires_at`. */
async function exportReady(server: Server, user: ProfileUser): Promise<string> {
  const asked = await ask(server, user);
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  expect(asked.body).toEqual({ state: "building", requested_at: expect.any(String) });
  const ready = await nextEvent(user, "data_export_ready");
  const expiresAt = (ready.data as { expires_at: string }).expires_at;
  expect(await status(server, user)).toEqual({
    state: "ready",
    requested_at: asked.body.requested_at,
    expires_at: expiresAt,
  });
  return expiresAt;
}

const json = (files: Record<string, Uint8Array>, name: string) =>
  JSON.parse(strFromU8(files[name] ?? new Uint8Array())) as Record<string, unknown>;

describe("the data export", () => {
  test("holds everything kept about the account, never a secret, and downloads once", async () => {
    const world = await deletionWorld(fixture.server, root, region(5));
    const { target, match, fan, blocked } = world;
    const blocker = await createChatUser(fixture.server, { gender: "man", wantedGenders: ["woman"] });
    expect(
      (await as(fixture.server, blocker).post("/chat/block", { account_id: target.accountId })).status,
    ).toBe(200);
    await setChatSettings(fixture.server, target, { typing: false });
    const gone = await uploadImage(fixture.server, target);
    expect((await as(fixture.server, target).get(`/media/content`)).status).toBe(200);
    const removed = await request(fixture.server.url, "DELETE", `/media/content/${gone}`, {
      token: target.accessToken,
    });
    expect(removed.status).toBe(200);
    const own = (await as(fixture.server, target).get<OwnContentResponse>("/media/content")).body;

    await exportReady(fixture.server, target);
    const reply = await download(fixture.server, target);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(reply.body));
    const contentIds = [...own.items.map((item) => item.content_id), gone];
    expect(Object.keys(files).sort()).toEqual(
      [
        "README.txt",
        "account.json",
        "profile.json",
        "media.json",
        "relations.json",
        "chat.json",
        "history.json",
        "reports.json",
        ...contentIds.map((id) => `media/${id}.jpg`),
      ].sort(),
    );

    const account = json(files, "account.json");
    expect(account).toMatchObject({
      account_id: target.accountId,
      email: target.email,
      state: "normal",
      permissions: [],
      setup: { gender: "woman", looking_for: ["man"] },
      sessions: [
        {
          device_id: expect.stringMatching(/^[0-9a-f]{32}$/),
          client: { kind: "web", version: "1.0.0" },
          address: "127.0.0.0/24",
          created_at: expect.any(Number),
          last_used_at: expect.any(Number),
        },
      ],
    });
    expect(json(files, "profile.json")).toMatchObject({
      account_id: target.accountId,
      gender: "woman",
      favorites: [match.accountId],
    });
    const media = json(files, "media.json") as { items: { content_id: string; deleted_at: number | null }[] };
    expect(media.items.map((item) => item.content_id).sort()).toEqual([...contentIds].sort());
    expect(media.items.find((item) => item.content_id === gone)?.deleted_at).toEqual(expect.any(Number));
    // Detectors are off on this server: no findings, and verification waits for a human.
    expect(media).toMatchObject({ verified: false, verification: { state: "pending" } });
    expect(media.items.every((item) => "analysis" in item)).toBe(true);
    for (const item of own.items) {
      const served = await fetchImage(fixture.server, target, target.accountId, item.content_id);
      expect(Buffer.from(files[`media/${item.content_id}.jpg`] ?? []).equals(served.body)).toBe(true);
    }
    const ids = (list: unknown) => (list as { account_id: string }[]).map((item) => item.account_id);
    const relations = json(files, "relations.json");
    expect(ids(relations.likes_sent)).toEqual([blocked.accountId]);
    expect(ids(relations.likes_received)).toEqual([fan.accountId]);
    expect(ids(relations.matches)).toEqual([match.accountId]);
    expect(ids(relations.blocked)).toEqual([blocked.accountId]);
    const chat = json(files, "chat.json") as {
      settings: unknown;
      public_keys: { armored: string }[];
      stored_messages: { sender: string }[];
    };
    expect(chat.settings).toEqual({ delivery_receipts: true, read_receipts: true, typing: false });
    expect(chat.public_keys.map((key) => key.armored)).toEqual([await testPublicKey()]);
    expect(chat.stored_messages.map((m) => m.sender).sort()).toEqual(
      [match.accountId, target.accountId, target.accountId].sort(),
    );
    // The report it made, not the one made about it; never the reported message itself.
    const reports = JSON.parse(strFromU8(files["reports.json"] ?? new Uint8Array())) as object[];
    expect(reports).toEqual([
      expect.objectContaining({
        kind: "messages",
        reported_account: match.accountId,
        category: "other",
        state: "waiting",
      }),
    ]);
    expect(JSON.stringify(reports)).not.toContain("envelope");
    const history = json(files, "history.json") as { addresses: { addresses: { address: string }[] } };
    expect(history.addresses.addresses.map((a) => a.address)).toContain("127.0.0.1");

    // Nothing secret, and nothing of the one who blocked the account.
    const documents = Object.entries(files).filter(([name]) => !name.startsWith("media/"));
    const everything = documents.map(([, bytes]) => strFromU8(bytes)).join("\n");
    for (const secret of [target.accessToken, target.refreshToken, "$argon2", "hash", blocker.accountId])
      expect(everything.includes(secret), secret).toBe(false);

    // Once: the archive is gone as soon as it is sent.
    expectError(await download(fixture.server, target), 404, "not_found");
    expect(await status(fixture.server, target)).toEqual({ state: "none" });
    expect(
      (await pathsNaming(fixture.server, target.accountId)).filter((p) => p.startsWith("exports")),
    ).toEqual([]);
  }, 60_000);

  test("at most one per interval; ready until its time is over, then expired and wiped", async () => {
    const user = await createProfileUser(fixture.server);
    const started = Date.now();
    await exportReady(fixture.server, user);
    // Ready: asking again answers the archive there is (download it first).
    const again = await ask(fixture.server, user);
    expect(again.status).toBe(200);
    expect(again.body.state).toBe("ready");
    expect((await download(fixture.server, user)).status).toBe(200);
    const tooSoon = await ask(fixture.server, user);
    expectError(tooSoon, 429, "export_limit_reached");
    const retryAfter = Number(tooSoon.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(INTERVAL_MS / 1000);

    await sleep(Math.max(0, started + INTERVAL_MS - Date.now()) + 50);
    const expiresAt = Date.parse(await exportReady(fixture.server, user));
    const admin = root;
    await sleep(Math.max(0, expiresAt - Date.now()) + 50);
    expect((await runDailyTask(fixture.server, admin)).exports_removed).toBe(1);
    expect(
      (await pathsNaming(fixture.server, user.accountId)).filter((p) => p.startsWith("exports")),
    ).toEqual([]);
    expect((await status(fixture.server, user)).state).toBe("expired");
    expectError(await download(fixture.server, user), 404, "export_expired");
    expect((await runDailyTask(fixture.server, admin)).exports_removed).toBe(0);
    // Once the interval has passed, a new one can be built.
    expect((await ask(fixture.server, user)).status).toBe(202);
    await nextEvent(user, "data_export_ready");
  }, 60_000);

  test("other routes answer 401 without a session; none to download is not_found", async () => {
    const user = await createProfileUser(fixture.server);
    expect(await status(fixture.server, user)).toEqual({ state: "none" });
    expectError(await download(fixture.server, user), 404, "not_found");
    expect((await download(fixture.server, { accessToken: "nope" })).status).toBe(401);
  });
});

describe("across a restart", () => {
  test("a ready archive is offered again; an unfinished one is wiped", async () => {
    const first = await startServer({ config: { ...config, account: { export_ttl_hours: 1 } } });
    const user = await createProfileUser(first);
    const expiresAt = await exportReady(first, user);
    const leftover = join(first.dataDir, "data", "exports", `${user.accountId}.123.tmp`);
    expect(await first.stop()).toBe(0);
    writeFileSync(leftover, "half an archive");
    const second = await startServer({ config, dataDir: first.dataDir });
    try {
      expect(second.output.some((line) => line.includes("wiped unfinished or expired data exports"))).toBe(
        true,
      );
      const archives = (await pathsNaming(second, user.accountId)).filter((path) =>
        path.startsWith("exports/"),
      );
      expect(archives).toEqual([`exports/${user.accountId}.${Date.parse(expiresAt)}.zip`]);
      const again = await connect(second, await login(second, user.email));
      expect((await status(second, again)).state).toBe("ready");
      const reply = await download(second, again);
      expect(reply.status).toBe(200);
      expect(Object.keys(unzipSync(new Uint8Array(reply.body)))).toContain("account.json");
      again.ws.close();
    } finally {
      await second.stop();
      second.cleanup();
    }
  }, 60_000);
});

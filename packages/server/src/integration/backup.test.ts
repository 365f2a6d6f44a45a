import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import type { MessageEnvelope, OwnContentResponse } from "@venus/model";
import type { BackupStatus, LastBackup } from "@venus/manager";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { matchedPair, sendOk, type ChatUser } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { testJpeg, uploadImage } from "../testing/media-flow.js";
import { as } from "../testing/profile-flow.js";
import { notPrivate } from "../testing/file-modes.js";
import { fetchImage, ownContent } from "../testing/media-disk.js";
import { connect, login, register, type SignedIn } from "../testing/sign-in.js";
import { startManager, type RunningManager } from "../testing/spawn-manager.js";
import { startServer, VENUS_BIN, venusCommand } from "../testing/spawn-server.js";

// Two real managers on loopback: the source supervises a server that clients keep writing to, the
// peer stores its backups; then `venus backup verify|restore` on the peer's store, and a server
// started on the restored directory.

const KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
const serverConfig = {
  rate_limits: GENEROUS_RATE_LIMITS,
  chat: {
    messages_per_day: 100_000,
    max_unacknowledged_per_conversation: 10_000,
    max_pending_receipts: 10_000,
    pending_page_size: 10_000,
  },
};

// Everything runs under the usual umask 022: what Venus writes must be private anyway.
const PERMISSIVE = 0o022;

let peer: RunningManager;
let source: RunningManager;
let server: { url: string; wsUrl: string };
let pair: [ChatUser, ChatUser];
const scratch = mkdtempSync(join(tmpdir(), "venus-backup-it-"));

const peerStore = () => join(peer.dir, "manager-data", "backups", "venus");

/** Runs `venus backup …` with a manager's config; resolves with its exit code and output. */
function backupCliOf(
  manager: RunningManager,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const config = join(manager.dir, "manager.toml");
  return promisify(execFile)(...venusCommand(["backup", ...args, "-c", config], PERMISSIVE)).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

const backupCli = (...args: string[]) => backupCliOf(peer, ...args);

/** Every file under `media/` (but `tmp/`) of a data directory, path → bytes. */
function mediaFiles(dataDir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const root = join(dataDir, "media");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && path !== join(root, "tmp")) walk(path);
      else if (entry.isFile() && !entry.name.startsWith("."))
        files.set(relative(dataDir, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/** Every size of every content item of the user, as the server serves them: `<content>@<size>` → bytes. */
async function imagesOf(at: { url: string }, user: SignedIn, content: OwnContentResponse) {
  const images: Record<string, Buffer> = {};
  for (const item of content.items)
    for (const { size } of item.sizes) {
      const image = await fetchImage(at, user, user.accountId, item.content_id, size);
      expect(image.status).toBe(200);
      images[`${item.content_id}@${size}`] = image.body;
    }
  expect(Object.keys(images).length).toBeGreaterThanOrEqual(2);
  return images;
}

/** `POST /manager/backup` on a source, then its status until it is done. */
async function backUp(from: RunningManager): Promise<LastBackup> {
  const started = await from.api<BackupStatus>("POST", "/manager/backup");
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.running).toBe(true);
  const done = await from.until(
    "the backup to finish",
    async () => {
      const { body } = await from.api<BackupStatus>("GET", "/manager/backup");
      return body.running ? undefined : body;
    },
    60_000,
  );
  expect(done.last?.error).toBeUndefined();
  expect(done.last?.ok).toBe(true);
  return done.last as LastBackup;
}

beforeAll(async () => {
  peer = await startManager({
    config: { server: { control: "none" }, backup: { accept: true, key: KEY } },
    umask: PERMISSIVE,
  });
  source = await startManager({
    config: {
      remotes: [{ name: "backup-peer", url: peer.url, api_key: peer.apiKey }],
      backup: { peer: "backup-peer", key: KEY, chunk_bytes: 64 * 1024 },
    },
    server: serverConfig,
    umask: PERMISSIVE,
  });
  const { port } = await source.serverUp();
  server = { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws` };
  pair = await matchedPair(server);
});

afterAll(() => {
  source?.kill();
  peer?.kill();
  for (const dir of [scratch, source?.dir, peer?.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("backups", () => {
  test("a backup taken while clients write restores into a server with everything acknowledged before it", async () => {
    const [a, b] = pair;
    // Acknowledged before the backup: both accounts and profiles, their images, and messages b has
    // not acknowledged yet (so they are pending).
    const pendingBefore: string[] = [];
    for (let n = 0; n < 5; n++) pendingBefore.push((await sendOk(server, a, b, `before ${n}`)).uuid);
    const profileBefore = (await as(server, a).get("/profile/me")).body;
    const contentBefore = await ownContent(server, a);
    const imagesBefore = await imagesOf(server, a, contentBefore);
    const mediaBefore = mediaFiles(source.serverDataDir);
    expect(mediaBefore.size).toBeGreaterThanOrEqual(4);

    // Clients keep writing all through the backup: messages, and new accounts.
    let writing = true;
    let written = 0;
    const writers = Promise.all([
      (async () => {
        while (writing) {
          await sendOk(server, a, b, `during ${written}`);
          written++;
        }
      })(),
      (async () => {
        while (writing) {
          await register(server);
          written++;
        }
      })(),
    ]);
    writers.catch(() => (writing = false)); // a failed write stops the others; awaited below
    const started = performance.now();
    const last = await backUp(source).finally(() => (writing = false));
    const backupMs = performance.now() - started;
    await writers;
    expect(written).toBeGreaterThan(0);
    expect(last.databases).toEqual([
      "chat.sqlite",
      "media.sqlite",
      "profile.sqlite",
      "history.sqlite",
      "push.sqlite",
      "account.sqlite",
    ]);
    // Every upload of the tests' one JPEG gives the same files: each content travels once.
    const contents = new Set(
      [...mediaBefore.values()].map((bytes) => createHash("sha256").update(bytes).digest("hex")),
    );
    expect(last.images_sent).toBe(contents.size);
    expect(last.images_skipped).toBe(0);
    expect(readdirSync(join(peerStore(), "snapshots"))).toEqual([last.snapshot]);

    const verifyStarted = performance.now();
    const verified = await backupCli("verify");
    const verifyMs = performance.now() - verifyStarted;
    expect(verified, verified.stderr).toMatchObject({ code: 0, stderr: "" });
    expect(verified.stdout).toContain("all good");

    const restored = join(scratch, "restored");
    const restoreStarted = performance.now();
    const restore = await backupCli("restore", "--to", join(restored, "data"));
    const restoreMs = performance.now() - restoreStarted;
    expect(restore, restore.stderr).toMatchObject({ code: 0 });
    expect(readdirSync(restored)).toEqual(["data"]);
    const mediaRestored = mediaFiles(join(restored, "data"));
    for (const [path, bytes] of mediaBefore) expect(mediaRestored.get(path), path).toEqual(bytes);
    // Restored, stored and served data alike: 0700 directories, 0600 files (admin.token included).
    expect(notPrivate(restored).filter((entry) => !entry.startsWith(`${restored} `))).toEqual([]);
    expect(notPrivate(join(peer.dir, "manager-data"))).toEqual([]);
    expect(notPrivate(join(source.dir, "manager-data"))).toEqual([]);
    expect(notPrivate(source.serverDataDir)).toEqual([]);

    const second = await startServer({ dataDir: restored, config: serverConfig });
    try {
      for (const user of pair) {
        const tokens = await login(second, user.email);
        expect(tokens.account_id).toBe(user.accountId);
      }
      const aAgain = await connect(second, await login(second, a.email));
      expect((await as(second, aAgain).get("/profile/me")).body).toEqual(profileBefore);
      const content = await ownContent(second, aAgain);
      expect(content.items).toEqual(contentBefore.items);
      expect(await imagesOf(second, aAgain, content)).toEqual(imagesBefore);
      const bAgain = await connect(second, await login(second, b.email));
      const pending = await as(second, bAgain).get<{ messages: MessageEnvelope[] }>("/chat/messages/pending");
      expect(pending.status).toBe(200);
      const uuids = pending.body.messages.map((message) => message.uuid);
      expect(uuids.slice(0, pendingBefore.length)).toEqual(pendingBefore);
      aAgain.ws.close();
      bAgain.ws.close();
    } finally {
      await second.stop();
    }
    console.log(
      `backup of ${last.databases.length} databases and ${last.images_sent} images (${last.bytes_sent} bytes) ` +
        `with ${written} writes during it: backup ${Math.round(backupMs)} ms, verify ${Math.round(verifyMs)} ms, ` +
        `restore ${Math.round(restoreMs)} ms`,
    );
  }, 120_000);

  test("a second backup sends only the new images", async () => {
    const before = mediaFiles(source.serverDataDir);
    await uploadImage(server, pair[0], await testJpeg(800, 600));
    const added = [...mediaFiles(source.serverDataDir).keys()].filter((path) => !before.has(path));
    expect(added.length).toBeGreaterThan(0);
    const last = await backUp(source);
    expect(last).toMatchObject({ images_sent: added.length, images_skipped: before.size, images_removed: 0 });
    expect(readdirSync(join(peerStore(), "snapshots"))).toHaveLength(2);
  }, 60_000);

  test("a corrupted backup file fails verify, and restore leaves no directory", async () => {
    const snapshots = readdirSync(join(peerStore(), "snapshots")).sort();
    const chat = join(peerStore(), "snapshots", snapshots.at(-1) as string, "chat.sqlite.enc");
    const bytes = readFileSync(chat);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] as number) ^ 0x40;
    writeFileSync(chat, bytes);
    const objects = join(peerStore(), "images", "objects");
    const fanout = readdirSync(objects)[0] as string;
    const object = join(objects, fanout, readdirSync(join(objects, fanout))[0] as string);
    writeFileSync(object, readFileSync(object).subarray(0, statSync(object).size - 1));

    const verified = await backupCli("verify");
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain(`BAD ${chat}`);
    expect(verified.stderr).toContain(`BAD ${object}`);
    const older = await backupCli("verify", "--snapshot", snapshots[0] as string);
    expect(older.stderr).not.toContain(chat);

    const target = join(scratch, "broken", "data");
    const restore = await backupCli("restore", "--to", target);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain(chat);
    expect(existsSync(join(scratch, "broken")) ? readdirSync(join(scratch, "broken")) : []).toEqual([]);
  }, 60_000);

  test("a peer behind NAT: backups over the link it dialled in on, and `venus backup now`", async () => {
    const home = await startManager({
      config: {
        remotes: [{ name: "vault", url: "", api_key: "vault-manager-key-0123456789" }],
        backup: { peer: "vault", key: KEY, source_name: "home" },
      },
      server: serverConfig,
    });
    const vault = await startManager({
      apiKey: "vault-manager-key-0123456789",
      config: {
        server: { control: "none" },
        links: { reconnect_base_ms: 100 },
        outbound_links: [
          { url: `${home.url.replace("http", "ws")}/manager/ws`, api_key: home.apiKey, name: "vault" },
        ],
        backup: { accept: true, key: KEY },
      },
    });
    try {
      await home.serverUp();
      await home.until("the vault's link", async () => {
        const { body } = await home.api<{ remotes: { link_connected: boolean }[] }>(
          "GET",
          "/manager/remotes",
        );
        return body.remotes[0]?.link_connected ? true : undefined;
      });
      const now = await backupCliOf(home, "now", "--url", home.url, "--key", home.apiKey);
      expect(now, now.stderr).toMatchObject({ code: 0, stderr: "" });
      expect(now.stdout).toMatch(/^backup \d{8}T\d{6}Z: 6 databases, /);
      expect(await backUp(home)).toMatchObject({ images_sent: 0 });
      const verified = await backupCliOf(vault, "verify", "--source", "home");
      expect(verified, verified.stderr).toMatchObject({ code: 0, stderr: "" });
      expect(readdirSync(join(vault.dir, "manager-data", "backups", "home", "snapshots"))).toHaveLength(2);
    } finally {
      home.kill();
      vault.kill();
      for (const manager of [home, vault]) rmSync(manager.dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("bad input to the peer is refused by name; a backup key is required to start", async () => {
    const chunk = await peer.api(
      "PUT",
      "/manager/backup/sessions/nope/files/chat.sqlite/0",
      Buffer.alloc(64),
    );
    expect(chunk).toMatchObject({ status: 404, body: { error: { code: "unknown_session" } } });
    const notPeer = await source.api("POST", "/manager/backup/sessions", { source: "x", files: [] });
    expect(notPeer).toMatchObject({ status: 403, body: { error: { code: "backup_not_accepted" } } });
    const refusal = async (backup: string) => {
      const config = join(scratch, "refused.toml");
      writeFileSync(
        config,
        `data_dir = "${join(scratch, "refused")}"\n[api]\napi_key = "k"\n[backup]\n${backup}\n`,
      );
      return promisify(execFile)(process.execPath, [VENUS_BIN, "manager", "--config", config], {
        timeout: 10_000,
      }).catch((error: { code: number; stderr: string }) => `${error.code} ${error.stderr}`);
    };
    expect(await refusal("accept = true")).toMatch(/^2 venus: backup\.key is required/);
    expect(await refusal(`peer = "nobody"\nkey = "${KEY}"`)).toMatch(/^2 .*no \[\[remotes\]\] entry/);
  }, 30_000);
});

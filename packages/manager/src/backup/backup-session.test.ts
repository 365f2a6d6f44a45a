import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ManagerRouter } from "../api/manager-router.js";
import type { ManagerCaller } from "../remotes/manager-caller.js";
import { backupPair, silentLog, testKey } from "../testing/backup-pair.js";
import { readImageIndex } from "./backup-manifest.js";
import { BackupPeer } from "./backup-peer.js";
import { sealChunk } from "./chunk-cipher.js";
import { addPeerRoutes, SESSIONS_PATH } from "./peer-routes.js";
import { checkItem, imageItems, listSnapshots, snapshotItems } from "./store-reader.js";
import { identities, sourceStore, type SourceStore } from "./store-layout.js";

const root = mkdtempSync(join(tmpdir(), "venus-backup-unit-"));
const serverData = join(root, "server");
const key = testKey;
const log = silentLog;

let pair: Awaited<ReturnType<typeof backupPair>>;
let peerData: string;
let store: SourceStore;
let caller: ManagerCaller;

function image(account: string, name: string, content: string): void {
  mkdirSync(join(serverData, "media", account), { recursive: true });
  writeFileSync(join(serverData, "media", account, name), content.repeat(5000));
}

const call = (method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown) =>
  caller({ method, path, body });

beforeAll(async () => {
  mkdirSync(serverData, { recursive: true });
  const db = new BetterSqlite3(join(serverData, "chat.sqlite"));
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE messages (n INTEGER PRIMARY KEY, body BLOB)");
  for (let n = 0; n < 2000; n++)
    db.prepare("INSERT INTO messages (body) VALUES (?)").run(Buffer.alloc(200, n));
  db.close();
  writeFileSync(join(serverData, "bots.json"), "{}");
  for (const skipped of ["venus.lock", "chat.sqlite-journal", ".hidden"])
    writeFileSync(join(serverData, skipped), "x");
  image("acc1", "c1_640.jpg", "a");
  image("acc1", "c1_320.jpg", "b");
  image("acc2", "c2_640.jpg", "a"); // the same content as c1_640: stored once
  mkdirSync(join(serverData, "media", "tmp"), { recursive: true });
  writeFileSync(join(serverData, "media", "tmp", "upload"), "in flight");
  writeFileSync(join(serverData, "media", "acc1", ".c3_640.jpg"), "partial");

  pair = await backupPair(root, serverData);
  ({ peerData, store, caller } = pair);
});

afterAll(async () => {
  await pair.peer.stop();
  rmSync(root, { recursive: true, force: true });
});

const backUp = () => pair.backUp();

describe("a backup session", () => {
  test("copies the databases and small files, and each image content once, all checkable at rest", async () => {
    const writer = new BetterSqlite3(join(serverData, "chat.sqlite"));
    const writing = setInterval(
      () => writer.prepare("INSERT INTO messages (body) VALUES (?)").run(Buffer.alloc(100)),
      1,
    );
    const last = await backUp().finally(() => {
      clearInterval(writing);
      writer.close();
    });
    expect(last).toMatchObject({
      databases: ["chat.sqlite"],
      images_sent: 2,
      images_skipped: 0,
      images_removed: 0,
    });
    const snapshots = await listSnapshots(store);
    expect(snapshots).toEqual([last.snapshot]);
    const files = await snapshotItems(key, store, "venus", last.snapshot as string);
    expect(files.map((file) => file.target)).toEqual(["chat.sqlite", "bots.json"]);
    const index = await readImageIndex(key, store, "venus");
    expect(Object.keys(index?.images ?? {})).toEqual([
      "media/acc1/c1_320.jpg",
      "media/acc1/c1_640.jpg",
      "media/acc2/c2_640.jpg",
    ]);
    for (const item of [...files, ...imageItems(store, index!)]) await checkItem(key, item);
    expect(readdirSync(store.tmp)).toEqual([]);
  });

  test("a second session sends only new images, and drops those the source no longer has", async () => {
    image("acc2", "c4_640.jpg", "d");
    unlinkSync(join(serverData, "media", "acc1", "c1_320.jpg"));
    const before = await listSnapshots(store);
    const last = await backUp();
    expect(last).toMatchObject({ images_sent: 1, images_skipped: 2, images_removed: 1 });
    expect(await listSnapshots(store)).toEqual([...before, last.snapshot]);
    const index = await readImageIndex(key, store, "venus");
    expect(Object.keys(index?.images ?? {})).toEqual([
      "media/acc1/c1_640.jpg",
      "media/acc2/c2_640.jpg",
      "media/acc2/c4_640.jpg",
    ]);
    expect(
      readdirSync(store.objects).flatMap((fanout) => readdirSync(join(store.objects, fanout))),
    ).toHaveLength(2);
  });
});

describe("the peer's routes", () => {
  const file = { name: "chat.sqlite", size: 5, sha256: "0".repeat(64) };
  const begin = async () => {
    const answer = await call("POST", SESSIONS_PATH, { source: "other", files: [file] });
    expect(answer.status).toBe(200);
    return answer.body as { session: string; snapshot: string };
  };
  const codeOf = (answer: { body: unknown }) => (answer.body as { error: { code: string } }).error.code;

  test("answer bad input with a named error and keep running", async () => {
    const { session, snapshot } = await begin();
    const base = `${SESSIONS_PATH}/${session}`;
    const identity = identities.file("other", snapshot, "chat.sqlite");
    const plain = Buffer.from("hello");
    const garbage = Buffer.alloc(37);
    garbage.writeUInt32BE(5, 0);
    const cases: [string, () => Promise<{ status: number; body: unknown }>][] = [
      ["no source", () => call("POST", SESSIONS_PATH, { files: [] })],
      ["traversal", () => call("POST", SESSIONS_PATH, { source: "..", files: [] })],
      ["odd name", () => call("POST", SESSIONS_PATH, { source: "x", files: [{ ...file, name: "../x" }] })],
      ["twice", () => call("POST", SESSIONS_PATH, { source: "x", files: [file, file] })],
      ["too many", () => call("POST", SESSIONS_PATH, { source: "x", files: Array(101).fill(file) })],
      [
        "image path",
        () =>
          call("POST", `${base}/images`, {
            images: [{ path: "media/../../etc", size: 1, sha256: "a".repeat(64) }],
          }),
      ],
      ["unknown session", () => call("POST", `${SESSIONS_PATH}/nope/images`, { images: [] })],
      ["json chunk", () => call("PUT", `${base}/files/chat.sqlite/0`, { not: "bytes" })],
      ["bad index", () => call("PUT", `${base}/files/chat.sqlite/-1`, new Uint8Array(40))],
      [
        "unknown file",
        () =>
          call(
            "PUT",
            `${base}/files/media.sqlite/0`,
            sealChunk(key, identity, 0, true, Buffer.from("hello")),
          ),
      ],
      [
        "out of order",
        () =>
          call("PUT", `${base}/files/chat.sqlite/1`, sealChunk(key, identity, 1, true, Buffer.from("hello"))),
      ],
      ["garbage", () => call("PUT", `${base}/files/chat.sqlite/0`, garbage)],
      ["image batch cut short", () => call("PUT", `${base}/images`, Buffer.alloc(40))],
      [
        "undeclared image in a batch",
        () =>
          call(
            "PUT",
            `${base}/images`,
            Buffer.concat([
              Buffer.alloc(32),
              sealChunk(key, identities.image("0".repeat(64)), 0, true, plain),
            ]),
          ),
      ],
    ];
    const found: Record<string, string> = {};
    for (const [name, answer] of cases) {
      const { status, body } = await answer();
      found[name] = `${status} ${codeOf({ body })}`;
    }
    expect(found).toEqual({
      "no source": "400 invalid_request",
      traversal: "400 invalid_request",
      "odd name": "400 invalid_request",
      twice: "400 invalid_request",
      "too many": "413 too_many",
      "image path": "400 invalid_request",
      "unknown session": "404 unknown_session",
      "json chunk": "400 invalid_request",
      "bad index": "400 invalid_request",
      "unknown file": "404 unknown_file",
      "out of order": "409 chunk_out_of_order",
      garbage: "422 bad_chunk",
      "image batch cut short": "400 bad_chunk",
      "undeclared image in a batch": "404 unknown_file",
    });
    // The right content under a wrong declared hash never completes the file, nor the session.
    const second = await begin();
    const put = await call(
      "PUT",
      `${SESSIONS_PATH}/${second.session}/files/chat.sqlite/0`,
      sealChunk(key, identities.file("other", second.snapshot, "chat.sqlite"), 0, true, Buffer.from("hello")),
    );
    expect(`${put.status} ${codeOf(put)}`).toBe("422 hash_mismatch");
    const finish = await call("POST", `${SESSIONS_PATH}/${second.session}/finish`, {});
    expect(`${finish.status} ${codeOf(finish)}`).toBe("409 incomplete");
    expect(await listSnapshots(sourceStore(peerData, "other"))).toEqual([]);
  });

  test("a new session of a source replaces the unfinished one, whose temp files go", async () => {
    const first = await begin();
    const otherStore = sourceStore(peerData, "other");
    expect(existsSync(join(otherStore.tmp, first.session))).toBe(true);
    const second = await begin();
    expect(existsSync(join(otherStore.tmp, first.session))).toBe(false);
    const stale = await call("DELETE", `${SESSIONS_PATH}/${first.session}`);
    expect(`${stale.status} ${codeOf(stale)}`).toBe("404 unknown_session");
    expect((await call("DELETE", `${SESSIONS_PATH}/${second.session}`)).status).toBe(200);
    expect(readdirSync(otherStore.tmp)).toEqual([]);
    expect(await listSnapshots(otherStore)).toEqual([]);
  });

  test("a peer restarted after a crash removes what sessions left, and drops idle sessions", async () => {
    const crashed = await begin();
    const otherStore = sourceStore(peerData, "other");
    const restarted = new BackupPeer({
      dataDir: peerData,
      key,
      chunkBytes: 16 * 1024,
      keepDays: 7,
      sessionTimeoutMs: 50,
      log,
    });
    await restarted.start();
    expect(existsSync(join(otherStore.tmp, crashed.session))).toBe(false);
    const idle = await restarted.begin("other", [file]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => restarted.session(idle.session)).toThrow(/no such session/);
    expect(readdirSync(otherStore.tmp)).toEqual([]);
    await restarted.stop();
  });

  test("a manager that does not accept backups says so", async () => {
    const router = new ManagerRouter();
    addPeerRoutes(router, undefined, 10);
    const answer = await router.dispatch({
      method: "POST",
      path: SESSIONS_PATH,
      query: new URLSearchParams(),
      body: {},
      caller: "test",
    });
    expect(`${answer.status} ${codeOf(answer)}`).toBe("403 backup_not_accepted");
  });
});

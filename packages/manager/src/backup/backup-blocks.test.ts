import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backupPair, testKey as key } from "../testing/backup-pair.js";
import { callPeer } from "./peer-call.js";
import { SESSIONS_PATH } from "./peer-routes.js";
import { sealChunk } from "./chunk-cipher.js";
import { BLOCK_HASH_BYTES, MIN_BLOCK_BYTES } from "./file-blocks.js";
import { snapshotDataDir } from "./source-snapshot.js";
import { checkItem, listSnapshots, snapshotItems } from "./store-reader.js";
import { identities } from "./store-layout.js";
import { uploadFile } from "./upload-file.js";

// Databases travel in blocks, and the peer takes unchanged ones from its newest snapshot: what that
// saves, and that every snapshot still restores to its database byte for byte.

const root = mkdtempSync(join(tmpdir(), "venus-backup-blocks-"));
const serverData = join(root, "server");
const chat = join(serverData, "chat.sqlite");
let pair: Awaited<ReturnType<typeof backupPair>>;
let writer: BetterSqlite3.Database;

/** Size and SHA-256 of bytes (vitest compares large buffers slowly). */
const digest = (bytes: Buffer) => ({
  length: bytes.length,
  sha256: createHash("sha256").update(bytes).digest("hex"),
});

/** What SQLite's backup API gives for the database now: what a snapshot of it must restore to. */
async function databaseNow() {
  const copy = join(root, `copy-${Date.now()}.sqlite`);
  const db = new BetterSqlite3(chat, { readonly: true });
  await db.backup(copy).finally(() => db.close());
  const bytes = readFileSync(copy);
  rmSync(copy);
  return digest(bytes);
}

/** A snapshot's file as restore writes it, read and checked record by record. */
async function restored(snapshot: string, name = "chat.sqlite") {
  const items = await snapshotItems(key, pair.store, "venus", snapshot);
  const item = items.find((found) => found.target === name);
  if (item === undefined) throw new Error(`${snapshot} has no ${name}`);
  const pieces: Buffer[] = [];
  await checkItem(key, item, (plain) => void pieces.push(Buffer.from(plain)));
  return digest(Buffer.concat(pieces));
}

/** The bytes of the block lists of the data directory's files: all an unchanged backup sends. */
const blockLists = (databaseBytes: number) =>
  (Math.ceil(databaseBytes / MIN_BLOCK_BYTES) + 1) * BLOCK_HASH_BYTES; // + bots.json, one block

beforeAll(async () => {
  mkdirSync(serverData, { recursive: true });
  writer = new BetterSqlite3(chat);
  writer.pragma("journal_mode = WAL");
  writer.exec("CREATE TABLE messages (n INTEGER PRIMARY KEY, body BLOB)");
  const insert = writer.prepare("INSERT INTO messages (body) VALUES (?)");
  for (let n = 0; n < 12_000; n++) insert.run(Buffer.alloc(250, n % 251));
  writeFileSync(join(serverData, "bots.json"), "{}");
  pair = await backupPair(root, serverData);
});

afterAll(async () => {
  writer.close();
  await pair.peer.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("backups in blocks", () => {
  test("a snapshot of an older Venus (whole records of another size) is the base, and both restore", async () => {
    // An older source: no block sizes, records of chunk_bytes sent one after another.
    const work = join(root, "old-source");
    mkdirSync(work);
    const files = await snapshotDataDir(serverData, work);
    const begun = await callPeer<{ session: string; snapshot: string }>(pair.caller, "POST", SESSIONS_PATH, {
      source: "venus",
      files: files.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
    });
    const uploader = {
      ...pair,
      key,
      chunkBytes: 16 * 1024,
      signal: new AbortController().signal,
      onBytes() {},
    };
    for (const file of files)
      await uploadFile(
        uploader,
        file.file,
        file.size,
        identities.file("venus", begun.snapshot, file.name),
        `${SESSIONS_PATH}/${begun.session}/files/${file.name}`,
      );
    await callPeer(pair.caller, "POST", `${SESSIONS_PATH}/${begun.session}/finish`, { vanished: [] });

    const database = await databaseNow();
    expect(database.length).toBeGreaterThan(20 * MIN_BLOCK_BYTES);
    const last = await pair.backUp();
    expect(last.bytes_sent).toBe(blockLists(database.length));
    expect(await listSnapshots(pair.store)).toEqual([begun.snapshot, last.snapshot]);
    expect(await restored(begun.snapshot)).toEqual(database);
    expect(await restored(last.snapshot as string)).toEqual(database);
  });

  test("a second backup with nothing changed sends the block lists only", async () => {
    const database = await databaseNow();
    const last = await pair.backUp();
    expect(last.bytes_sent).toBe(blockLists(database.length));
    expect(await restored(last.snapshot as string)).toEqual(database);
  });

  test("after a partial change only the changed blocks travel; every snapshot restores exactly", async () => {
    const before = await databaseNow();
    const previous = (await listSnapshots(pair.store)).at(-1) as string;
    writer.prepare("UPDATE messages SET body = ? WHERE n BETWEEN 6000 AND 6010").run(Buffer.alloc(250, 7));
    const insert = writer.prepare("INSERT INTO messages (body) VALUES (?)");
    for (let n = 0; n < 300; n++) insert.run(Buffer.alloc(250, 9));
    const after = await databaseNow();
    expect(after).not.toEqual(before);

    const last = await pair.backUp();
    const changedBlocks =
      Math.ceil(after.length / MIN_BLOCK_BYTES) - Math.ceil(before.length / MIN_BLOCK_BYTES);
    expect(last.bytes_sent).toBeGreaterThan(blockLists(after.length) + changedBlocks * MIN_BLOCK_BYTES);
    expect(last.bytes_sent).toBeLessThan(after.length / 4);
    expect(await restored(last.snapshot as string)).toEqual(after);
    expect(await restored(previous)).toEqual(before);
  });

  test("a damaged stored file is not a base: the next backup sends that file whole", async () => {
    const newest = (await listSnapshots(pair.store)).at(-1) as string;
    const stored = join(pair.store.snapshots, newest, "chat.sqlite.enc");
    const bytes = readFileSync(stored);
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0x01, bytes.length >> 1);
    writeFileSync(stored, bytes);
    const database = await databaseNow();
    const last = await pair.backUp();
    expect(last.bytes_sent).toBe(database.length + blockLists(database.length));
    expect(await restored(last.snapshot as string)).toEqual(database);
  });

  test("a session cut short leaves no snapshot; the next takes its blocks from the last complete one", async () => {
    const database = await databaseNow();
    const snapshots = await listSnapshots(pair.store);
    const work = join(root, "cut-short");
    mkdirSync(work);
    const [file] = await snapshotDataDir(serverData, work);
    if (file === undefined) throw new Error("no database");
    const begun = await callPeer<{ session: string; snapshot: string }>(pair.caller, "POST", SESSIONS_PATH, {
      source: "venus",
      files: [{ name: file.name, size: file.size, sha256: file.sha256, block_bytes: file.blockBytes }],
    });
    const path = `${SESSIONS_PATH}/${begun.session}/files/${file.name}`;
    await callPeer(pair.caller, "POST", `${path}/blocks`, file.blocks);
    // The source dies here. Its next backup replaces the session.
    const last = await pair.backUp();
    expect(last.bytes_sent).toBe(blockLists(database.length));
    expect(await listSnapshots(pair.store)).toEqual([...snapshots, last.snapshot]);
    expect(readdirSync(pair.store.tmp)).toEqual([]);
    expect(await restored(last.snapshot as string)).toEqual(database);
  });

  test("a file that failed half-way closes what it opened when its session is dropped", async () => {
    const work = join(root, "half-way");
    mkdirSync(work);
    const [file] = await snapshotDataDir(serverData, work);
    if (file === undefined) throw new Error("no database");
    const openFiles = () => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    const begun = await callPeer<{ session: string; snapshot: string }>(pair.caller, "POST", SESSIONS_PATH, {
      source: "venus",
      files: [{ name: file.name, size: file.size, sha256: file.sha256, block_bytes: file.blockBytes }],
    });
    const path = `${SESSIONS_PATH}/${begun.session}/files/${file.name}`;
    expect(await callPeer(pair.caller, "POST", `${path}/blocks`, file.blocks)).toEqual({ needed: [] });
    // Blocks 0–4 come from the base (its file is now open), then a block that is not the declared one.
    const wrong = sealChunk(
      key,
      identities.file("venus", begun.snapshot, file.name),
      5,
      false,
      Buffer.alloc(file.blockBytes),
    );
    const answer = await pair.caller({ method: "PUT", path: `${path}/5`, body: wrong });
    expect(answer.status).toBe(422);
    await callPeer(pair.caller, "DELETE", `${SESSIONS_PATH}/${begun.session}`);
    expect(openFiles()).toBe(before);
  });

  test("the block routes refuse bad input by name", async () => {
    const work = join(root, "bad-input");
    mkdirSync(work);
    const [file] = await snapshotDataDir(serverData, work);
    if (file === undefined) throw new Error("no database");
    const entry = { name: file.name, size: file.size, sha256: file.sha256, block_bytes: file.blockBytes };
    const call = (method: "POST" | "PUT", path: string, body: unknown) =>
      pair.caller({ method, path, body }).then(({ status, body: answer }) => {
        const error = (answer as { error?: { code: string } }).error;
        return `${status} ${error?.code ?? "ok"}`;
      });
    expect(
      await call("POST", SESSIONS_PATH, { source: "venus", files: [{ ...entry, block_bytes: 3000 }] }),
    ).toBe("400 invalid_request");
    const begun = await callPeer<{ session: string; snapshot: string }>(pair.caller, "POST", SESSIONS_PATH, {
      source: "venus",
      files: [entry],
    });
    const path = `${SESSIONS_PATH}/${begun.session}/files/${file.name}`;
    const identity = identities.file("venus", begun.snapshot, file.name);
    const firstBlock = readFileSync(file.file).subarray(0, file.blockBytes);
    const record = sealChunk(key, identity, 0, false, firstBlock);
    expect(await call("PUT", `${path}/0`, record)).toBe("409 blocks_not_declared");
    expect(await call("POST", `${path}/blocks`, file.blocks.subarray(32))).toBe("400 invalid_request");
    const wrongHashes = Buffer.from(file.blocks);
    wrongHashes.writeUInt8(wrongHashes.readUInt8(0) ^ 0x01, 0);
    expect(await call("POST", `${path}/blocks`, wrongHashes)).toBe("200 ok");
    expect(await call("PUT", `${path}/0`, record)).toBe("422 hash_mismatch");
    expect(await call("PUT", `${path}/1`, record)).toBe("409 file_failed");
    await callPeer(pair.caller, "DELETE", `${SESSIONS_PATH}/${begun.session}`);
  });
});

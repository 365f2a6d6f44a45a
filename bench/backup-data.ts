/**
 * The server data directory of the backup benchmark. A real `venus server` creates it (databases with
 * their schema, as a fresh install has them) and is stopped; then rows are written straight into the
 * databases (the statement classes; a plain INSERT of the long-standing columns for accounts), and
 * image files of random bytes under
 * `media/<account>/<content>_<size>.jpg` (the backup hashes and copies them; it never decodes them).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ACCOUNT_MIGRATIONS,
  CHAT_MIGRATIONS,
  ChatStatements,
  MEDIA_MIGRATIONS,
  MediaStatements,
  openDatabase,
  PROFILE_MIGRATIONS,
  ProfileStatements,
  type Database,
} from "@venus/database";
import { seededRandom } from "../packages/data-profile/src/location/seeded-random.js";
import { startServer } from "../packages/server/src/testing/spawn-server.js";
import { withTimeout } from "./concurrency.js";
import { NAMES, TEXT } from "./profile-texts.js";
import { sized } from "./quick.js";

export const ACCOUNTS = sized(40_000, 1_000);
/** Accounts 2k and 2k + 1 are a match; messages go back and forth in the first MESSAGE_PAIRS matches. */
const MESSAGE_PAIRS = sized(10_000, 250);
export const MESSAGES = sized(60_000, 1_500);
const LIKES = sized(100_000, 2_500);
/** Every content item is stored in the server's five sizes, each file about this many KiB (±25 %). */
const SIZES: readonly [number, number][] = [
  [1280, 56],
  [854, 44],
  [640, 36],
  [426, 28],
  [256, 22],
];
export const CONTENT_ITEMS = sized(400, 20);
export const NEW_CONTENT_ITEMS = sized(20, 5);
export const FILES_PER_CONTENT = SIZES.length;
const ROWS_PER_TRANSACTION = 50_000;
const SERVER_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;
/** The shape of a real argon2id hash (nobody logs in here, so none is computed). */
const PASSWORD_HASH = `$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$${"h".repeat(43)}`;

export interface BenchData {
  /** The directory holding `venus.toml` and `data/`; removed by the caller. */
  dir: string;
  /** The server config file (`data_dir` = `dataDir`) the source manager reads. */
  configFile: string;
  dataDir: string;
  accountIds: string[];
  /** Every image file, path relative to the data directory → SHA-256, to check a restore against. */
  images: Map<string, string>;
}

/** A fresh data directory as `venus server` creates it: it is started on an empty one, then stopped. */
export async function createDataDir(dir: string): Promise<{ configFile: string; dataDir: string }> {
  const server = await withTimeout(startServer({ dataDir: dir }), SERVER_TIMEOUT_MS, "start venus server");
  const code = await withTimeout(server.stop("SIGTERM"), SERVER_TIMEOUT_MS, "stop venus server");
  if (code !== 0) throw new Error(`venus server exited with ${String(code)}:\n${server.output.join("\n")}`);
  return { configFile: join(dir, "venus.toml"), dataDir: join(dir, "data") };
}

/** Runs `write(i)` for i in [0, count) in transactions of ROWS_PER_TRANSACTION rows. */
function writeRows(db: Database, count: number, write: (i: number) => void): void {
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) write(i);
  });
  for (let from = 0; from < count; from += ROWS_PER_TRANSACTION)
    batch(from, Math.min(count, from + ROWS_PER_TRANSACTION));
}

function withDatabase(
  path: string,
  migrations: Parameters<typeof openDatabase>[1],
  fn: (db: Database) => void,
) {
  const db = openDatabase(path, migrations);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** Accounts in state `normal`, a public profile each, likes, matches and pending messages. */
function writeDatabases(dataDir: string, ids: readonly string[]): void {
  const random = seededRandom(11);
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const gender = (i: number) => (i % 2 === 0 ? "woman" : "man");
  const wanted = (i: number) => JSON.stringify([i % 2 === 0 ? "man" : "woman"]);
  withDatabase(join(dataDir, "account.sqlite"), ACCOUNT_MIGRATIONS, (db) => {
    // The columns every schema version has (later ones have defaults), named: no statement class needed.
    const insert = db.prepare(
      `INSERT INTO account (id, email, password_hash, state, permissions, sync_version, created_at,
         last_seen_at, name, birthdate, gender, looking_for, initial_age, initial_age_year, bot)
       VALUES (?, ?, ?, 'normal', '[]', 2, ?, ?, ?, NULL, ?, ?, ?, ?, 0)`,
    );
    writeRows(db, ids.length, (i) =>
      insert.run(
        ids[i],
        `backup-${String(i).padStart(6, "0")}@bench.example`,
        PASSWORD_HASH,
        now - Math.floor(random() * 365 * DAY_MS),
        now - Math.floor(random() * 30 * DAY_MS),
        NAMES[i % NAMES.length],
        gender(i),
        wanted(i),
        18 + (i % 50),
        year,
      ),
    );
  });
  withDatabase(join(dataDir, "profile.sqlite"), PROFILE_MIGRATIONS, (db) => {
    const profiles = new ProfileStatements(db);
    writeRows(db, ids.length, (i) => {
      const createdAt = now - Math.floor(random() * 365 * DAY_MS);
      const age = 18 + (i % 50);
      profiles.saveProfile({
        account_id: ids[i] as string,
        version: 3,
        name: NAMES[i % NAMES.length] as string,
        name_state: "accepted",
        name_reason: null,
        name_changed_at: createdAt,
        text: TEXT.slice(0, 20 + Math.floor(random() * 280)).trim(),
        text_state: "accepted",
        text_reason: null,
        text_changed_at: createdAt,
        age,
        initial_age: age,
        initial_age_year: year,
        gender: gender(i),
        wanted_genders: wanted(i),
        wanted_age_min: Math.max(18, age - 8),
        wanted_age_max: age + 8,
        unlimited_likes: 0,
        attributes: '{"1":[2],"3":[1,4],"7":[3]}',
        latitude: 60 + random() * 5,
        longitude: 22 + random() * 8,
        visibility: "public",
        show_last_seen: 1,
        show_online: 1,
        created_at: createdAt,
        edited_at: createdAt,
      });
    });
  });
  withDatabase(join(dataDir, "chat.sqlite"), CHAT_MIGRATIONS, (db) => {
    const chat = new ChatStatements(db);
    const pair = (k: number) => [ids[2 * k] as string, ids[2 * k + 1] as string].sort() as [string, string];
    writeRows(db, ids.length / 2, (k) => {
      const [low, high] = pair(k);
      chat.insertMatch({ low, high, seq: k + 1, matched_at: now, last_number: 0 });
    });
    writeRows(db, ids.length, (i) =>
      chat.saveAccount({
        account_id: ids[i] as string,
        new_likes: 0,
        likes_version: 3,
        matches_version: 1,
        likes_day: Math.floor(now / DAY_MS),
        likes_used: 3,
        messages_day: Math.floor(now / DAY_MS),
        messages_sent: 5,
        delivery_receipts: 1,
        read_receipts: 1,
        typing: 1,
      }),
    );
    // Account i likes i + 1, i + 98 and i + 195 (mod the count): distinct pairs, nobody likes themselves.
    writeRows(db, LIKES, (i) => {
      const liker = i % ids.length;
      const target = (liker + 1 + Math.floor(i / ids.length) * 97) % ids.length;
      chat.insertLike({
        liker: ids[liker] as string,
        target: ids[target] as string,
        seq: i + 1,
        liked_at: now,
      });
    });
    // Pending messages: an OpenPGP-encrypted body of 200–700 bytes and the server's signature each.
    const bodies = randomBytes(MESSAGES * 700);
    writeRows(db, MESSAGES, (i) => {
      const k = i % MESSAGE_PAIRS;
      const [low, high] = pair(k);
      const [sender, recipient] = i % 2 === 0 ? [low, high] : [high, low];
      const length = 200 + Math.floor(random() * 500);
      chat.insertMessage({
        sender,
        uuid: randomUUID(),
        recipient,
        number: Math.floor(i / MESSAGE_PAIRS) + 1,
        sent_at: now - Math.floor(random() * 7 * DAY_MS),
        sender_key_id: 1,
        recipient_key_id: 1,
        body: bodies.subarray(i * 700, i * 700 + length),
        signature: bodies.subarray(i * 700 + 400, i * 700 + 432).toString("base64url"),
        delivered_at: null,
        sender_acked: 0,
        receipt_pending: 0,
      });
    });
  });
}

/**
 * Writes content items `first … first + count − 1` (one per account, in account order): the five
 * files of each under `media/<account>/`, and its row in `media.sqlite`. Adds each file's hash to
 * `images`; resolves with the bytes written.
 */
export function writeImages(
  dataDir: string,
  ids: readonly string[],
  first: number,
  count: number,
  images: Map<string, string>,
): number {
  const random = seededRandom(1000 + first);
  const now = Date.now();
  let bytes = 0;
  withDatabase(join(dataDir, "media.sqlite"), MEDIA_MIGRATIONS, (db) => {
    const media = new MediaStatements(db);
    db.transaction(() => {
      for (let n = first; n < first + count; n++) {
        const accountId = ids[n] as string;
        const contentId = randomUUID();
        const dir = join(dataDir, "media", accountId);
        mkdirSync(dir, { recursive: true });
        const files = SIZES.map(([size, kib]) => {
          const data = randomBytes(Math.round(kib * 1024 * (0.75 + random() * 0.5)));
          const file = `${contentId}_${size}.jpg`;
          writeFileSync(join(dir, file), data);
          images.set(`media/${accountId}/${file}`, createHash("sha256").update(data).digest("hex"));
          bytes += data.length;
          return { size, width: size, height: Math.round((size * 3) / 4), file };
        });
        media.saveContent({
          content_id: contentId,
          account_id: accountId,
          state: "accepted",
          reject_category: null,
          reject_details: null,
          files: JSON.stringify(files),
          uploaded_at: now,
          moderated_at: now,
          deleted_at: null,
          analysis: null,
          decided_rule: null,
          decided_score: null,
        });
        media.saveAccount({
          account_id: accountId,
          version: 1,
          images: JSON.stringify([contentId]),
          crop_x: null,
          crop_y: null,
          crop_size: null,
          security_selfie: null,
          edited_at: now,
          verification_state: "unverified",
          verification_selfie: null,
          verification_face: null,
          verification_similarity: null,
        });
      }
    })();
  });
  return bytes;
}

/** The data directory: a real server's fresh one, filled with rows and CONTENT_ITEMS images. */
export async function writeBenchData(dir: string): Promise<BenchData> {
  const { configFile, dataDir } = await createDataDir(dir);
  const accountIds = Array.from({ length: ACCOUNTS }, () => randomUUID()).sort();
  writeDatabases(dataDir, accountIds);
  const images = new Map<string, string>();
  writeImages(dataDir, accountIds, 0, CONTENT_ITEMS, images);
  return { dir, configFile, dataDir, accountIds, images };
}

/** Every regular file of the data directory the backup covers, relative paths and sizes. */
export function dataFiles(dataDir: string): { path: string; size: number }[] {
  const found: { path: string; size: number }[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dataDir, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && path !== "media/tmp") walk(path);
      else if (entry.isFile() && !/^(venus\.lock|.*-wal|.*-shm|.*-journal|\..*)$/.test(entry.name))
        found.push({ path, size: statSync(join(dataDir, path)).size });
    }
  };
  walk("");
  return found.sort((a, b) => (a.path < b.path ? -1 : 1));
}

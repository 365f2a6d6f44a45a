/**
 * The data directory of the chat benchmark, written straight into `account.sqlite` and `chat.sqlite`
 * through the real schema and statements: accounts in state `normal` who can log in with the test
 * password, matched in pairs, each with one published OpenPGP public key (key id 1). No profiles:
 * messaging does not need them.
 */
import { hash } from "@node-rs/argon2";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  ACCOUNT_MIGRATIONS,
  AccountStatements,
  CHAT_MIGRATIONS,
  ChatStatements,
  openDatabase,
  type Database,
} from "@venus/database";
import { generateKey } from "openpgp";
import { PASSWORD_HASH_OPTIONS } from "../packages/data-account/src/credentials.js";
import { PASSWORD } from "../packages/server/src/testing/sign-in.js";

/** What the benchmark signs in with: account i is `chatEmail(i)`. */
export const chatEmail = (i: number) => `chat-${String(i).padStart(5, "0")}@bench.example`;

/** Every account publishes this key version; senders name it for both sides. */
export const CHAT_KEY_ID = 1;

/** Runs `write` in one transaction on a fresh database with the migrations, then closes it. */
function writeDatabase(
  path: string,
  migrations: Parameters<typeof openDatabase>[1],
  write: (db: Database) => void,
) {
  const db = openDatabase(path, migrations);
  try {
    db.transaction(() => write(db))();
  } finally {
    db.close();
  }
}

/**
 * Writes `2 × pairs` accounts into `dataDir` (the server's `data_dir`): accounts 2k and 2k + 1 are a
 * match. All share one real argon2id hash of the test password and one armored public key.
 * Resolves with the account ids, in account order.
 */
export async function writeChatData(dataDir: string, pairs: number): Promise<string[]> {
  const [passwordHash, key] = await Promise.all([
    hash(PASSWORD, PASSWORD_HASH_OPTIONS),
    generateKey({ type: "ecc", userIDs: [{ name: "venus chat bench" }] }),
  ]);
  const ids = Array.from({ length: 2 * pairs }, () => randomUUID());
  const now = Date.now();
  writeDatabase(join(dataDir, "account.sqlite"), ACCOUNT_MIGRATIONS, (db) => {
    const accounts = new AccountStatements(db);
    ids.forEach((id, i) =>
      accounts.insertAccount({
        id,
        email: chatEmail(i),
        password_hash: passwordHash,
        state: "normal",
        permissions: "[]",
        sync_version: 1,
        created_at: now,
        last_seen_at: now,
        name: "Chatter",
        birthdate: null,
        gender: i % 2 === 0 ? "woman" : "man",
        looking_for: JSON.stringify([i % 2 === 0 ? "man" : "woman"]),
        initial_age: 30,
        initial_age_year: new Date(now).getUTCFullYear(),
        bot: 0,
      }),
    );
  });
  writeDatabase(join(dataDir, "chat.sqlite"), CHAT_MIGRATIONS, (db) => {
    const chat = new ChatStatements(db);
    for (const [i, id] of ids.entries()) {
      chat.insertKey({ account_id: id, key_id: CHAT_KEY_ID, armored: key.publicKey, published_at: now }, 1);
      if (i % 2 === 1) {
        const [low, high] = [ids[i - 1] as string, id].sort() as [string, string];
        chat.insertMatch({ low, high, seq: (i + 1) / 2, matched_at: now, last_number: 0 });
      }
    }
  });
  return ids;
}

/** Rows left in the server's `messages` table (read-only; the server may be running). */
export function storedMessageCount(dataDir: string): number {
  const db = new BetterSqlite3(join(dataDir, "chat.sqlite"), { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM messages").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * The data directory of the profile server benchmark: the synthetic profiles of
 * location-index-data.ts as accounts in state `normal` with public profiles, written straight into
 * `account.sqlite` and `profile.sqlite` through the real schema and statements (no API, no hashing).
 */
import { hash } from "@node-rs/argon2";
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ACCOUNT_MIGRATIONS,
  AccountStatements,
  openDatabase,
  PROFILE_MIGRATIONS,
  ProfileStatements,
  type Database,
} from "@venus/database";
import type { AttributeAnswers, Gender } from "@venus/model";
import { PASSWORD_HASH_OPTIONS } from "../packages/data-account/src/credentials.js";
import { AttributeCatalog, loadAttributeDefinitions } from "../packages/data-profile/src/index.js";
import { seededRandom } from "../packages/data-profile/src/location/seeded-random.js";
import { runBenchScript } from "./child-process.js";
import { NAMES, TEXT } from "./profile-texts.js";
import { generateProfiles, type MatchFilter, type Profiles } from "./location-index-data.js";

/** Rows per transaction: few commits (each one an fsync), bounded memory per statement batch. */
const ROWS_PER_TRANSACTION = 50_000;
/** A hang guard, not a speed check: on a machine shared with other work this write can take minutes. */
const ACCOUNTS_TIMEOUT_MS = 600_000;
const ACCOUNT_SEED = 3;
const PROFILE_SEED = 4;
/** Distinct attribute answer sets, drawn from per profile (checking 1,000,000 of them would cost seconds). */
const ANSWER_SETS = 4096;
const DAY_MS = 86_400_000;

/** Gender bits of location-index-data.ts (man 1, woman 2, non-binary 4) as Venus genders. */
const GENDER_BITS: readonly [number, Gender][] = [
  [1, "man"],
  [2, "woman"],
  [4, "non_binary"],
];

export function genderOf(filter: MatchFilter): Gender {
  return GENDER_BITS.find(([bit]) => bit === filter.gender)?.[1] as Gender;
}

export function wantedGendersOf(filter: MatchFilter): Gender[] {
  return GENDER_BITS.filter(([bit]) => (filter.wants & bit) !== 0).map(([, gender]) => gender);
}

/** Random valid answers to about half of the catalog's questions (1–3 values for multiple choice). */
function randomAnswers(catalog: AttributeCatalog, random: () => number): AttributeAnswers {
  const answers: AttributeAnswers = {};
  for (const attribute of catalog.attributes) {
    if (random() < 0.5) continue;
    const values = [...attribute.bits.keys()];
    const count = 1 + Math.floor(random() * Math.min(3, attribute.maxSelected, values.length));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(values[Math.floor(random() * values.length)] as number);
    answers[String(attribute.id)] = [...chosen];
  }
  return catalog.acceptAnswers(answers);
}

/**
 * Runs `write(order[k], k)` for every k in transactions of ROWS_PER_TRANSACTION rows. In key order,
 * B-tree inserts append instead of landing on random pages: about 1.5× faster for 1,000,000 rows.
 */
function writeInTransactions(db: Database, order: Uint32Array, write: (i: number, k: number) => void): void {
  const batch = db.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) write(order[k] as number, k);
  });
  for (let from = 0; from < order.length; from += ROWS_PER_TRANSACTION) {
    batch(from, Math.min(order.length, from + ROWS_PER_TRANSACTION));
  }
}

/** Indexes of the profiles in id order. */
function idOrder(ids: readonly string[]): Uint32Array {
  return Uint32Array.from(ids.keys()).sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
}

/** One account per profile, in state `normal` (setup complete, no sessions), into `account.sqlite`. */
export async function writeAccounts(dataDir: string, profiles: Profiles): Promise<number> {
  const random = seededRandom(ACCOUNT_SEED);
  // One real argon2id hash, shared: nobody logs in as these accounts, so the bench never hashes per row.
  const passwordHash = await hash("not a password anyone uses", PASSWORD_HASH_OPTIONS);
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const { ids } = profiles;
  const path = join(dataDir, "account.sqlite");
  const db = openDatabase(path, ACCOUNT_MIGRATIONS);
  try {
    const accounts = new AccountStatements(db);
    writeInTransactions(db, idOrder(ids), (i, k) => {
      const filter = profiles.filters[i] as MatchFilter;
      accounts.insertAccount({
        id: ids[i] as string,
        // Zero-padded, so that the email index is in insertion order too.
        email: `profile-${String(k).padStart(7, "0")}@bench.example`,
        password_hash: passwordHash,
        state: "normal",
        permissions: "[]",
        sync_version: 2,
        created_at: now - Math.floor(random() * 365 * DAY_MS),
        last_seen_at: now - Math.floor(random() * 30 * DAY_MS),
        name: NAMES[i % NAMES.length] as string,
        birthdate: null,
        gender: genderOf(filter),
        looking_for: JSON.stringify(wantedGendersOf(filter)),
        initial_age: filter.age,
        initial_age_year: year,
        bot: 0,
      });
    });
  } finally {
    db.close();
  }
  return statSync(path).size;
}

/**
 * One public profile with a location per generated profile, into `profile.sqlite`: ages are this
 * year's, names accepted, about half have a text, most answer some attribute questions.
 */
export function writeProfiles(dataDir: string, profiles: Profiles): number {
  const random = seededRandom(PROFILE_SEED);
  const now = Date.now();
  const year = new Date(now).getUTCFullYear();
  const { ids } = profiles;
  const catalog = new AttributeCatalog(loadAttributeDefinitions());
  const answerSets = Array.from({ length: ANSWER_SETS }, () =>
    JSON.stringify(randomAnswers(catalog, random)),
  );
  const path = join(dataDir, "profile.sqlite");
  const db = openDatabase(path, PROFILE_MIGRATIONS);
  try {
    const statements = new ProfileStatements(db);
    writeInTransactions(db, idOrder(ids), (i) => {
      const filter = profiles.filters[i] as MatchFilter;
      const createdAt = now - Math.floor(random() * 365 * DAY_MS);
      const editedAt = createdAt + Math.floor(random() * (now - createdAt));
      const text = random() < 0.5 ? "" : TEXT.slice(0, 20 + Math.floor(random() * 280)).trim();
      statements.saveProfile({
        account_id: ids[i] as string,
        version: 3,
        name: NAMES[i % NAMES.length] as string,
        name_state: "accepted",
        name_reason: null,
        name_changed_at: createdAt,
        text,
        text_state: "accepted",
        text_reason: null,
        text_changed_at: editedAt,
        age: filter.age,
        initial_age: filter.age,
        initial_age_year: year,
        gender: genderOf(filter),
        wanted_genders: JSON.stringify(wantedGendersOf(filter)),
        wanted_age_min: filter.minAge,
        wanted_age_max: filter.maxAge,
        unlimited_likes: random() < 0.05 ? 1 : 0,
        attributes: answerSets[Math.floor(random() * ANSWER_SETS)] as string,
        latitude: profiles.lat[i] as number,
        longitude: profiles.lon[i] as number,
        visibility: "public",
        show_last_seen: 1,
        show_online: 1,
        created_at: createdAt,
        edited_at: editedAt,
      });
    });
  } finally {
    db.close();
  }
  return statSync(path).size;
}

/**
 * Writes the `generateProfiles(count, seed)` profiles into `dataDir` (the server's `data_dir`):
 * the accounts in a child process (which generates the same profiles again) while this one writes
 * the profiles, so the two databases are written on two cores. Resolves with their total size.
 */
export async function writeProfileData(
  dataDir: string,
  count: number,
  seed: number,
  profiles: Profiles,
): Promise<number> {
  if (profiles.ids.length !== count) throw new Error(`expected the ${count} profiles of seed ${seed}`);
  const accounts = runBenchScript<{ bytes: number }>(
    "profile-server-data.ts",
    [dataDir, String(count), String(seed)],
    ACCOUNTS_TIMEOUT_MS,
  );
  let profileBytes: number;
  try {
    profileBytes = writeProfiles(dataDir, profiles);
  } catch (error) {
    await accounts.catch(() => undefined); // the child finishes, or is killed on its timeout
    throw error;
  }
  return (await accounts).bytes + profileBytes;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dataDir, count, seed] = process.argv.slice(2);
  const bytes = await writeAccounts(dataDir as string, generateProfiles(Number(count), Number(seed)));
  process.stdout.write(`${JSON.stringify({ bytes })}\n`);
}

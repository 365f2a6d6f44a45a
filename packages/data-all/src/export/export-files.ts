import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { wipeFiles } from "@venus/data-media";
import type { Components } from "../components.js";

/**
 * Data export archives live in `<data_dir>/exports/`: `<account id>.<expires at>.zip` when ready,
 * `<account id>.<requested at>.tmp` while being written (renamed when complete).
 */
export const exportsDir = (components: Components): string =>
  path.join(components.account.config.data_dir, "exports");

export const readyName = (accountId: string, expiresAt: number) => `${accountId}.${expiresAt}.zip`;
export const buildingName = (accountId: string, requestedAt: number) => `${accountId}.${requestedAt}.tmp`;

const READY = /^(.+)\.(\d+)\.zip$/;

async function listExports(components: Components): Promise<string[]> {
  return readdir(exportsDir(components)).catch(() => [] as string[]);
}

/**
 * At start-up: archives still ready are offered again; unfinished ones (a stop during a build),
 * expired ones and those of accounts that no longer exist are wiped. Resolves with how many went.
 */
export async function restoreExports(components: Components): Promise<number> {
  const { exports, cache } = components.account;
  const now = components.account.now();
  const stale: string[] = [];
  for (const name of await listExports(components)) {
    const file = path.join(exportsDir(components), name);
    const ready = READY.exec(name);
    const accountId = ready?.[1] ?? "";
    const expiresAt = Number(ready?.[2]);
    if (ready && expiresAt > now && cache.accounts.has(accountId))
      exports.restore(accountId, file, expiresAt);
    else if (ready || name.endsWith(".tmp")) stale.push(file);
  }
  await wipeFiles(stale);
  return stale.length;
}

/** Wipes archives whose time is over (the daily task, and before each export request); how many. */
export async function removeExpiredExports(components: Components): Promise<number> {
  const files = components.account.exports.expire();
  await wipeFiles(files);
  return files.length;
}

/** Account deletion's part: a build under way ends first; then every file of the account goes. */
export async function removeAccountExport(components: Components, accountId: string): Promise<void> {
  await components.account.exports.building(accountId);
  components.account.exports.forget(accountId);
  const names = (await listExports(components)).filter((name) => name.startsWith(`${accountId}.`));
  await wipeFiles(names.map((name) => path.join(exportsDir(components), name)));
}

/** The archive's bytes, read once and then wiped; undefined when the file is gone. */
export async function readOnce(file: string): Promise<Buffer | undefined> {
  const bytes = await readFile(file).catch(() => undefined);
  await wipeFiles([file]);
  return bytes;
}

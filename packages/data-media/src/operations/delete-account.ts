import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { MediaContext } from "../context.js";
import { wipeFiles } from "../media-files.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Account deletion, media's part: every file in the account's directory (content deleted or not,
 * and anything an upload left) is overwritten and removed, then the directory, then its rows leave
 * memory and media.sqlite in one commit. An upload still being processed ends first (the account
 * can start no new one). Idempotent: what is already gone is skipped.
 */
export async function removeMediaAccount(ctx: MediaContext, accountId: string): Promise<void> {
  while (ctx.cache.accounts.get(accountId)?.upload?.active) await sleep(20);
  await Promise.allSettled([...ctx.finishing]);
  const dir = ctx.files.accountDir(accountId);
  const names = await readdir(dir).catch(() => [] as string[]);
  await wipeFiles(names.map((name) => path.join(dir, name)));
  await rm(dir, { recursive: true, force: true });
  for (const content of [...ctx.cache.content.values()]) {
    if (content.accountId !== accountId) continue;
    ctx.cache.content.delete(content.id);
    ctx.cache.moderation.remove(content.id);
  }
  ctx.cache.accounts.delete(accountId);
  await ctx.writer.write(() => ctx.statements.deleteAccount(accountId));
}

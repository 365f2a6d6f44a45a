import { readdir } from "node:fs/promises";
import path from "node:path";
import type { MediaContext } from "../context.js";
import { wipeFiles } from "../media-files.js";

const DAY_MS = 86_400_000;

/**
 * The daily task's part: content deleted more than `media.delete_wait_days` ago loses its files
 * (overwritten, then removed) and its row. Returns how many items were purged.
 */
export async function purgeDeletedContent(ctx: MediaContext): Promise<number> {
  const before = ctx.now() - ctx.config.media.delete_wait_days * DAY_MS;
  const due = [...ctx.cache.content.values()].filter(
    (content) => content.deletedAt !== null && content.deletedAt <= before,
  );
  for (const content of due) {
    await wipeFiles(content.files.map((file) => ctx.files.file(content.accountId, file.file)));
    await ctx.writer.write(() => ctx.statements.deleteContent(content.id));
    ctx.cache.content.delete(content.id);
  }
  return due.length;
}

/**
 * At start-up: uploads left in the temporary directory and files no content row names (a crash
 * between the worker's answer and the commit) are wiped.
 */
export async function sweepOrphanFiles(ctx: MediaContext): Promise<number> {
  const known = new Set<string>();
  for (const content of ctx.cache.content.values())
    for (const file of content.files) known.add(ctx.files.file(content.accountId, file.file));
  const orphans: string[] = [];
  const entries = await readdir(ctx.files.root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const dir = entry.name === "tmp" ? ctx.files.tmpDir : ctx.files.accountDir(entry.name);
    for (const name of await readdir(dir)) {
      const file = path.join(dir, name);
      if (entry.name === "tmp" || !known.has(file)) orphans.push(file);
    }
  }
  await wipeFiles(orphans);
  return orphans.length;
}

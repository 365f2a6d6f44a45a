import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MEDIA_MIGRATIONS, MediaStatements, openDatabase, type Database } from "@venus/database";
import { contentToRow, mediaAccountToRow, newMediaAccount, type Content } from "./media-entities.js";
import { MediaCache } from "./media-cache.js";

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(): MediaStatements {
  const dir = mkdtempSync(path.join(tmpdir(), "venus-media-"));
  dirs.push(dir);
  const db = openDatabase(path.join(dir, "media.sqlite"), MEDIA_MIGRATIONS);
  dbs.push(db);
  return new MediaStatements(db);
}

const NOW = Date.parse("2026-11-22T15:00:00Z");
const content = (id: string, accountId: string, overrides: Partial<Content> = {}): Content => ({
  id: id.padEnd(22, "x"),
  accountId,
  state: "waiting",
  rejection: null,
  files: [{ size: 640, width: 640, height: 480, file: `${id}_640.jpg` }],
  uploadedAt: NOW - 1000,
  moderatedAt: null,
  decision: null,
  deletedAt: null,
  analysis: null,
  ...overrides,
});

describe("MediaCache.load", () => {
  it("rebuilds lists, the moderation queue, today's upload counts and the profile content from SQLite", () => {
    const statements = open();
    const rows = [
      content("a1", "alice", { uploadedAt: NOW - 3 * 86_400_000, state: "accepted", moderatedAt: NOW }),
      content("a2", "alice", { uploadedAt: NOW - 2000 }),
      content("b1", "bob", { uploadedAt: NOW - 3000 }),
      content("a3", "alice", { deletedAt: NOW - 500, uploadedAt: NOW - 500 }),
      content("b2", "bob", {
        state: "rejected",
        rejection: { category: "low_quality", details: "blurry" },
        uploadedAt: NOW - 100,
      }),
    ];
    for (const row of rows) statements.saveContent(contentToRow(row));
    const alice = newMediaAccount("alice");
    Object.assign(alice, { version: 7, images: [rows[0]?.id], crop: { x: 0.1, y: 0, size: 0.9 } });
    statements.saveAccount(mediaAccountToRow(alice));

    const cache = MediaCache.load(statements, NOW);
    const loadedAlice = cache.accounts.get("alice");
    expect(loadedAlice?.content.map((item) => item.id)).toEqual([rows[0]?.id, rows[1]?.id]);
    expect(loadedAlice).toMatchObject({
      version: 7,
      images: [rows[0]?.id],
      crop: { x: 0.1, y: 0, size: 0.9 },
    });
    // Uploads today: a2 and the deleted a3 for alice (a1 was days ago), b1 and b2 for bob.
    expect(loadedAlice?.uploads.used).toBe(2);
    expect(cache.accounts.get("bob")?.uploads.used).toBe(2);
    expect(cache.content.get(rows[3]?.id ?? "")?.deletedAt).toBe(NOW - 500);
    expect(cache.content.get(rows[4]?.id ?? "")?.rejection).toEqual({
      category: "low_quality",
      details: "blurry",
    });
    // Waiting and not deleted, oldest upload first.
    expect(cache.moderation.page(undefined, 10).items.map((item) => item.contentId)).toEqual([
      rows[2]?.id,
      rows[1]?.id,
    ]);
  });
});

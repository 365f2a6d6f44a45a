import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConnectionRegistry,
  ModerationSignal,
  Presence,
  SyncVersions,
  WriteBehind,
  WriteBehindFlusher,
  WriterMetrics,
} from "@venus/data-common";
import { VenusConfig, type RuntimeFlagReader } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import { afterEach, expect, it } from "vitest";
import { createProfile } from "../operations/create-profile.js";
import { removeProfile } from "../operations/delete-profile.js";
import { setLocation, setVisibility } from "../operations/profile-settings.js";
import { openProfileComponent } from "../profile-component.js";

const DAY_MS = 86_400_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(clock: { now: number }, dataDir: string) {
  const config = loadConfig({ schema: VenusConfig, envPrefix: "VENUS_TEST_NONE_", env: {} });
  config.data_dir = dataDir;
  const connections = new ConnectionRegistry();
  const flusher = new WriteBehindFlusher(() => undefined);
  const component = openProfileComponent({
    config,
    flags: { get: () => 0 } as unknown as RuntimeFlagReader,
    log: createLogger("silent", "test"),
    writerMetrics: new WriterMetrics(new Metrics()),
    connections,
    // Nothing here marks presence: its write-behind store is a stub.
    presence: new Presence(connections, { set: () => {} } as unknown as WriteBehind<string, number>),
    sync: new SyncVersions(),
    accountActive: () => true,
    isBot: () => false,
    isVerified: () => false,
    moderationQueued: new ModerationSignal(),
    now: () => clock.now,
    flusher,
  });
  return { ...component, flusher };
}

it("marks a profile new when it enters the listing, follows its moves, forgets it when unlisted or after the look-back, and keeps the marks over a restart", async () => {
  const dir = mkdtempSync(join(tmpdir(), "venus-new-profiles-"));
  dirs.push(dir);
  const clock = { now: Date.parse("2026-01-05T08:00:00Z") };
  const first = open(clock, dir);
  const { ctx } = first;
  const made = async (accountId: string) => {
    const profile = await createProfile(ctx, {
      accountId,
      name: "A",
      age: 30,
      gender: "man",
      wantedGenders: ["woman"],
    });
    await setLocation(ctx, profile, { latitude: 60.17, longitude: 24.94 });
    return profile;
  };
  const [a, b, c] = [await made("a"), await made("b"), await made("c")];
  expect(ctx.newProfiles.size).toBe(0); // located but private: not listed
  await setVisibility(ctx, a, "public");
  const aListed = clock.now;
  clock.now += DAY_MS;
  await setVisibility(ctx, b, "public");
  await setVisibility(ctx, c, "public");
  expect([ctx.newProfiles.listedAtOf("a"), ctx.newProfiles.listedAtOf("b")]).toEqual([aListed, clock.now]);
  await setLocation(ctx, a, { latitude: 61.5, longitude: 23.76 });
  expect(ctx.newProfiles.index.get("a")?.lat).toBe(61.5);
  expect(ctx.newProfiles.listedAtOf("a")).toBe(aListed); // a move is not new
  await setVisibility(ctx, b, "private");
  await removeProfile(ctx, "c");
  expect(ctx.newProfiles.size).toBe(1);
  await first.flusher.flushAll();
  await first.writer.close();
  first.db.close();

  const second = open(clock, dir);
  expect(second.ctx.newProfiles.listedAtOf("a")).toBe(aListed);
  expect(second.ctx.newProfiles.size).toBe(1);
  const rows = second.db.prepare("SELECT account_id FROM profile_listed ORDER BY account_id").all();
  // b left the listing and c was deleted before the flush: neither is written.
  expect(rows).toEqual([{ account_id: "a" }]);
  clock.now = aListed + second.ctx.config.automatic_search.lookback_days * DAY_MS;
  second.ctx.newProfiles.prune();
  expect(second.ctx.newProfiles.size).toBe(0);
  await second.writer.close();
  second.db.close();
});

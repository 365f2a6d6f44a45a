import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConnectionRegistry,
  ModerationSignal,
  Presence,
  SyncVersions,
  WriteBehind,
  WriterMetrics,
} from "@venus/data-common";
import { BotsFile, runtimeFlagDefaults, VenusConfig } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import { afterEach, expect, it } from "vitest";
import { openProfileComponent } from "../profile-component.js";
import { createProfile } from "./create-profile.js";
import { runDailyProfileTask } from "./daily-profile-task.js";

const DEFAULT_RULES = loadConfig({ schema: BotsFile, envPrefix: "VENUS_TEST_NONE_", env: {} }).moderation;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(clock: { now: number }, dataDir: string) {
  const config = loadConfig({ schema: VenusConfig, envPrefix: "VENUS_TEST_NONE_", env: {} });
  config.data_dir = dataDir;
  const connections = new ConnectionRegistry();
  const component = openProfileComponent({
    config,
    flags: { get: (name) => runtimeFlagDefaults(config, DEFAULT_RULES)[name] },
    log: createLogger("silent", "test"),
    writerMetrics: new WriterMetrics(new Metrics()),
    connections,
    // The daily task never marks presence, so its write-behind store is a stub that is never flushed.
    presence: new Presence(connections, { set: () => {} } as unknown as WriteBehind<string, number>),
    sync: new SyncVersions(),
    accountActive: () => true,
    isBot: () => false,
    isVerified: () => false,
    moderationQueued: new ModerationSignal(),
    now: () => clock.now,
  });
  return component;
}

it("moves ages into their allowed range as years pass, durably, and records the day's statistics", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "venus-daily-"));
  dirs.push(dataDir);
  const clock = { now: Date.parse("2026-06-01T12:00:00Z") };
  const first = open(clock, dataDir);
  await createProfile(first.ctx, {
    accountId: "a",
    name: "Ada",
    age: 30,
    gender: "woman",
    wantedGenders: ["man"],
  });
  await createProfile(first.ctx, {
    accountId: "b",
    name: "Bo",
    age: 40,
    gender: "man",
    wantedGenders: ["woman"],
  });
  expect(await runDailyProfileTask(first.ctx)).toBe(0);

  clock.now = Date.parse("2029-06-01T03:00:00Z");
  expect(await runDailyProfileTask(first.ctx)).toBe(2);
  expect(first.ctx.cache.profiles.get("a")?.age).toBe(32);
  expect(first.ctx.cache.profiles.get("b")?.age).toBe(42);
  expect(await runDailyProfileTask(first.ctx)).toBe(0);
  await first.writer.close();
  first.db.close();

  const reopened = open(clock, dataDir);
  expect(reopened.ctx.cache.profiles.get("a")?.age).toBe(32);
  expect([...reopened.ctx.cache.statistics.history.keys()]).toEqual(["2026-06-01", "2029-06-01"]);
  await reopened.writer.close();
  reopened.db.close();
});

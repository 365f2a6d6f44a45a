/**
 * "New people near you" at the profile server benchmark's size: the profile component opened in this
 * process on the benchmark's data directory (after the server stopped), 100,000 subscribers, and the
 * CPU of one full day's runs, against the same number of plain first-page browse queries on the same
 * component. Worst case on purpose: no subscriber ran during the look-back, so every run scans all
 * the profiles listed in the last `automatic_search.lookback_days` near it.
 */
import {
  ConnectionRegistry,
  ModerationSignal,
  Presence,
  SyncVersions,
  WriteBehind,
  WriterMetrics,
} from "@venus/data-common";
import {
  nextBrowsePage,
  openProfileComponent,
  resetBrowse,
  runDueAutomaticSearches,
  setAutomaticSearchSettings,
  type Profile,
} from "@venus/data-profile";
import { VenusConfig, type AutomaticSearchSettings, type RuntimeFlagReader } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FINLAND, generateProfiles } from "./location-index-data.js";
import { collectGarbage, heapAfterGc } from "./location-index.js";
import { writeProfileData } from "./profile-server-data.js";
import { MIB } from "./measure.js";
import { sized } from "./quick.js";
import { formatTable, progress, type BenchmarkResult } from "./report.js";

const SUBSCRIBERS = sized(100_000, 2_000);
const DAY_MS = 86_400_000;
const STEP_MS = 10 * 60_000;
/** Profiles newly listed per day: 0.2 % of all. */
const NEW_SHARE_PER_DAY = 0.002;
const UNLIMITED = 1_000_000_000;

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** Spread over the day: windows of 2–3 hours starting between 07:00 and 20:00, every weekday. */
function settingsFor(i: number): AutomaticSearchSettings {
  const start = 7 + (i % 14);
  return {
    enabled: true,
    weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    window_start: `${String(start).padStart(2, "0")}:00`,
    window_end: `${String(start + 2 + (i % 2)).padStart(2, "0")}:00`,
    utc_offset_minutes: 0,
    filters: { max_distance_km: i % 5 === 0 ? 200 : 50 },
  };
}

export async function benchAutomaticSearch(
  dataDir: string,
  profileConfig: Partial<VenusConfig["profile"]>,
): Promise<BenchmarkResult> {
  const defaults = loadConfig({ schema: VenusConfig, envPrefix: "VENUS_BENCH_UNUSED_", env: {} });
  const config: VenusConfig = {
    ...defaults,
    data_dir: dataDir,
    profile: { ...defaults.profile, ...profileConfig },
  };
  let clock = Date.parse("2026-01-05T00:00:00Z") - config.automatic_search.lookback_days * DAY_MS;
  const now = () => clock;
  const gc = collectGarbage();
  const log = createLogger("error", "bench", 2);
  const connections = new ConnectionRegistry();
  const heapBefore = heapAfterGc(gc);
  const { ctx, writer, db } = openProfileComponent({
    config,
    flags: { get: () => UNLIMITED } as unknown as RuntimeFlagReader,
    log,
    writerMetrics: new WriterMetrics(new Metrics()),
    connections,
    presence: new Presence(connections, { set: () => undefined } as unknown as WriteBehind<string, number>),
    sync: new SyncVersions(),
    moderationQueued: new ModerationSignal(),
    accountActive: () => true,
    isBot: () => false,
    isVerified: () => false,
    now,
  });
  try {
    const heapLoaded = heapAfterGc(gc);
    const profiles = [...ctx.cache.profiles.values()];
    const subscribers = profiles.slice(0, SUBSCRIBERS);
    progress(`automatic search: ${subscribers.length.toLocaleString("en-US")} subscribers`);
    for (let i = 0; i < subscribers.length; i += 5000)
      await Promise.all(
        subscribers
          .slice(i, i + 5000)
          .map((p, j) => setAutomaticSearchSettings(ctx, p.accountId, settingsFor(i + j))),
      );
    const perDay = Math.round(profiles.length * NEW_SHARE_PER_DAY);
    const lookbackDays = config.automatic_search.lookback_days;
    progress(`automatic search: ${perDay} profiles newly listed per day for ${lookbackDays} days`);
    for (let n = 0; n < perDay * lookbackDays; n++) {
      const profile = profiles[SUBSCRIBERS + ((n * 7919) % (profiles.length - SUBSCRIBERS))] as Profile;
      clock += Math.floor((lookbackDays * DAY_MS) / (perDay * lookbackDays + 1));
      profile.visibility = "private";
      ctx.listing.sync(profile);
      profile.visibility = "public";
      ctx.listing.sync(profile);
    }
    await writer.flush();
    // Plan each subscriber's day from its start, as a scheduler running all along would have.
    for (const [id, state] of ctx.automaticSearch.states) ctx.automaticSearch.plan(id, state);
    const heapSearch = heapAfterGc(gc);

    progress("automatic search: one day's runs");
    let runs = 0;
    let found = 0;
    const runCpu = process.cpuUsage();
    for (const dayEnd = clock + DAY_MS; clock < dayEnd; clock += STEP_MS) {
      for (let ran; (ran = await runDueAutomaticSearches(ctx, () => false)) > 0;) runs += ran;
    }
    const runSeconds = cpuSeconds(runCpu);
    for (const p of subscribers) found += ctx.automaticSearch.states.get(p.accountId)?.results.length ?? 0;
    if (runs !== subscribers.length) throw new Error(`${runs} runs for ${subscribers.length} subscribers`);

    progress("automatic search: as many first-page browse queries");
    const browseCpu = process.cpuUsage();
    subscribers.forEach((viewer, i) => {
      const session = resetBrowse(ctx, viewer, { filters: settingsFor(i).filters }, () => false);
      nextBrowsePage(ctx, viewer, session);
      ctx.browse.end(viewer.accountId);
    });
    const browseSeconds = cpuSeconds(browseCpu);
    return {
      id: "profile-server-automatic-search",
      title: `A day of automatic searches over ${profiles.length.toLocaleString("en-US")} profiles`,
      subject: `${subscribers.length.toLocaleString("en-US")} runs (one day)`,
      baseline: `${subscribers.length.toLocaleString("en-US")} first browse pages`,
      parameters: {
        profiles: profiles.length,
        subscribers: subscribers.length,
        newly_listed_in_lookback: ctx.newProfiles.size,
        lookback_days: lookbackDays,
        found_per_run: (found / runs).toFixed(1),
        case: "worst: every run looks back the whole look-back; results committed to SQLite",
      },
      metrics: [
        { name: "CPU for the day", unit: "s", better: "lower", subject: runSeconds, baseline: browseSeconds },
        {
          name: "JS heap (search state vs. all profiles)",
          unit: "MiB",
          better: "lower",
          subject: (heapSearch - heapLoaded) / MIB,
          baseline: (heapLoaded - heapBefore) / MIB,
        },
      ],
    };
  } finally {
    await writer.close();
    db.close();
  }
}

/** Alone: `npm run build && npx tsx bench/profile-server-automatic-search.ts [--quick]`, on its own data. */
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(join(tmpdir(), "venus-bench-automatic-"));
  try {
    const count = sized(1_000_000, 20_000);
    await writeProfileData(dir, count, 1, generateProfiles(count, 1));
    const result = await benchAutomaticSearch(dir, { location: { ...FINLAND, cell_km: 2 } });
    process.stdout.write(`\n${formatTable(result)}\n\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

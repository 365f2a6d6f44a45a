/**
 * The real `venus server` with 1,000,000 public profiles in Finland (the data of the location index
 * benchmark, in SQLite): start-up time and memory against the same server on an empty data
 * directory, and browsing over HTTP against a plain scan in this process. Runs in `npm run bench`
 * (after `tsc -b`) or alone: `npm run build && npx tsx bench/profile-server.ts`.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { WsClient } from "../packages/server/src/testing/ws-client.js";
import { collectGarbage } from "./inspector.js";
import { DENSE_CITY, EMPTY_REGION, FINLAND, generateProfiles } from "./location-index-data.js";
import { buildPlain, plainScanPage } from "./location-index-sides.js";
import { collectGarbage as localGc, heapAfterGc } from "./location-index.js";
import { MIB, percentile, processRssBytes } from "./measure.js";
import { browseOverHttp, signUpViewer, type HttpBrowsing, type ViewerSpec } from "./profile-server-browse.js";
import { writeProfileData } from "./profile-server-data.js";
import { benchPostgis } from "./profile-server-postgis.js";
import { benchAutomaticSearch } from "./profile-server-automatic-search.js";
import { spawnVenus, type StartedVenus } from "./profile-server-process.js";
import { formatTable, progress, type BenchmarkResult, type Metric } from "./report.js";
import { sized } from "./quick.js";

const PROFILES = sized(1_000_000, 20_000);
/** The seed of generateProfiles, as in the location index benchmark. */
const SEED = 1;
/** What the location index benchmark found best for this data. */
const CELL_KM = 2;
const PAGE_SIZE = 25;
const SESSIONS = sized(20, 2);
const PAGES_PER_SESSION = sized(50, 4);
/** The plain scan reads and sorts everything for each page, so it gets fewer pages. */
const SCAN_SESSIONS = sized(5, 2);
const SCAN_PAGES_PER_SESSION = sized(5, 2);
/** Loading 1,000,000 accounts and profiles takes under a minute on an idle machine; this only stops a hung start. */
const START_TIMEOUT_MS = 600_000;
const UNLIMITED = 1_000_000_000;

/**
 * Two viewers with common wishes, in the densest city and in the empty region. They do not match
 * each other (her age is outside his range), so each sees exactly the generated profiles it matches.
 */
const VIEWERS: { where: string; spec: ViewerSpec }[] = [
  {
    where: "dense city",
    spec: { ...DENSE_CITY, filter: { gender: 1, wants: 2, age: 30, minAge: 24, maxAge: 36 } },
  },
  {
    where: "empty region",
    spec: { ...EMPTY_REGION, filter: { gender: 2, wants: 1, age: 45, minAge: 38, maxAge: 55 } },
  },
];

const CONFIG = {
  profile: {
    location: { ...FINLAND, cell_km: CELL_KM },
    page_size: PAGE_SIZE,
    daily_pages: UNLIMITED,
    daily_page_resets: UNLIMITED,
  },
  rate_limits: Object.fromEntries(
    ["login_per_ip", "login_per_email", "register_per_ip", "register_per_email"].map((key) => [
      key,
      { limit: UNLIMITED },
    ]),
  ),
};

interface StartSample {
  startMs: number;
  startCpuMs: number;
  rssAtListening: number;
  peakRss: number;
  rssAfterGc: number;
  heapAfterGc: number;
}

async function sampleStart(server: StartedVenus): Promise<StartSample> {
  const heap = await collectGarbage(server.inspectorUrl);
  return {
    startMs: server.startMs,
    startCpuMs: server.startCpuMicros / 1000,
    rssAtListening: server.rssAtListening,
    peakRss: server.peakRssAtListening,
    rssAfterGc: processRssBytes(server.pid),
    heapAfterGc: heap,
  };
}

/** The `listening` line reports what was loaded; all of it must be there. */
function assertLoaded(server: StartedVenus, expected: number): void {
  const line = server.output.find((l) => l.includes('"msg":"listening"')) as string;
  const { accounts, profiles } = JSON.parse(line) as { accounts: number; profiles: number };
  if (accounts !== expected || profiles !== expected)
    throw new Error(`server loaded ${accounts} accounts and ${profiles} profiles, expected ${expected}`);
}

interface ScanTiming {
  firstPageMs: number[];
  pageMs: number[];
  cpuMicrosPerPage: number;
  firstIds: string[][];
}

function timeScans(plain: ReturnType<typeof buildPlain>, spec: ViewerSpec, pagesToCheck: number): ScanTiming {
  const timing: ScanTiming = { firstPageMs: [], pageMs: [], cpuMicrosPerPage: 0, firstIds: [] };
  const viewer = { lat: spec.lat, lon: spec.lon, filter: spec.filter };
  const cpu = process.cpuUsage();
  for (let s = 0; s < SCAN_SESSIONS; s++) {
    for (let n = 0; n < SCAN_PAGES_PER_SESSION; n++) {
      const started = performance.now();
      const page = plainScanPage(plain, viewer, n, PAGE_SIZE);
      const ms = performance.now() - started;
      timing.pageMs.push(ms);
      if (n === 0) timing.firstPageMs.push(ms);
      if (s === 0 && n < pagesToCheck) timing.firstIds.push(page.map((p) => p.id));
    }
  }
  const used = process.cpuUsage(cpu);
  timing.cpuMicrosPerPage = (used.user + used.system) / timing.pageMs.length;
  return timing;
}

/** The server's first pages must be the plain scan's, or the comparison means nothing. */
function assertSamePages(where: string, http: HttpBrowsing, scan: ScanTiming): void {
  scan.firstIds.forEach((ids, n) => {
    if (ids.join() !== http.firstIds[n]?.join())
      throw new Error(`${where}: page ${n} of the server and of the plain scan differ`);
  });
}

export async function benchProfileServer(): Promise<BenchmarkResult[]> {
  const gc = localGc();
  const heapBefore = heapAfterGc(gc);
  progress(`profile-server: generating ${PROFILES.toLocaleString("en-US")} profiles`);
  const profiles = generateProfiles(PROFILES, SEED);
  const plain = buildPlain(profiles);
  const plainBytesPerProfile = (heapAfterGc(gc) - heapBefore) / PROFILES;

  progress("profile-server: plain scans");
  const pagesToCheck = Math.min(2, SCAN_PAGES_PER_SESSION);
  const scans = VIEWERS.map(({ spec }) => timeScans(plain, spec, pagesToCheck));

  const fullDir = mkdtempSync(join(tmpdir(), "venus-bench-profiles-"));
  const emptyDir = mkdtempSync(join(tmpdir(), "venus-bench-empty-"));
  try {
    progress(`profile-server: writing ${PROFILES.toLocaleString("en-US")} accounts and profiles to SQLite`);
    mkdirSync(join(fullDir, "data"));
    const sqliteBytes = await writeProfileData(join(fullDir, "data"), PROFILES, SEED, profiles);

    progress("profile-server: starting venus on an empty data directory");
    const emptyServer = await spawnVenus(emptyDir, CONFIG, START_TIMEOUT_MS);
    let empty: StartSample;
    try {
      assertLoaded(emptyServer, 0);
      empty = await sampleStart(emptyServer);
    } finally {
      await emptyServer.stop();
    }

    progress(`profile-server: starting venus with ${PROFILES.toLocaleString("en-US")} profiles`);
    const server = await spawnVenus(fullDir, CONFIG, START_TIMEOUT_MS);
    let full: StartSample;
    const browsing: HttpBrowsing[] = [];
    try {
      assertLoaded(server, PROFILES);
      full = await sampleStart(server);
      progress(`profile-server: loaded in ${(full.startMs / 1000).toFixed(1)} s`);
      const sockets: WsClient[] = [];
      try {
        for (const { where, spec } of VIEWERS) {
          progress(`profile-server: signing up a viewer in ${where}, browsing over HTTP`);
          const viewer = await signUpViewer(server, spec);
          sockets.push(viewer.ws);
          browsing.push(await browseOverHttp(server, viewer, SESSIONS, PAGES_PER_SESSION, PAGE_SIZE));
        }
      } finally {
        for (const socket of sockets) socket.close();
      }
    } finally {
      await server.stop();
    }
    VIEWERS.forEach(({ where }, i) =>
      assertSamePages(where, browsing[i] as HttpBrowsing, scans[i] as ScanTiming),
    );

    const startMetric = (name: string, unit: string, key: keyof StartSample, scale = 1): Metric => ({
      name,
      unit,
      better: "lower",
      subject: full[key] / scale,
      baseline: empty[key] / scale,
    });
    const startup: BenchmarkResult = {
      id: "profile-server-startup",
      title: `Venus start-up with ${PROFILES.toLocaleString("en-US")} public profiles`,
      subject: `${PROFILES.toLocaleString("en-US")} profiles`,
      baseline: "empty data dir",
      parameters: {
        profiles: PROFILES,
        sqlite_files_mib: Math.round(sqliteBytes / MIB),
        cell_km: CELL_KM,
        time: "spawn to the listening log line",
      },
      metrics: [
        startMetric("time to listening", "ms", "startMs"),
        startMetric("server CPU until listening", "ms", "startCpuMs"),
        startMetric("server RSS at listening", "MiB", "rssAtListening", MIB),
        startMetric("server peak RSS until listening", "MiB", "peakRss", MIB),
        startMetric("server RSS after a full GC", "MiB", "rssAfterGc", MIB),
        startMetric("server JS heap after a full GC", "MiB", "heapAfterGc", MIB),
      ],
    };

    const metrics: Metric[] = [
      {
        name: "memory (RSS) per profile",
        unit: "bytes",
        better: "lower",
        subject: (full.rssAfterGc - empty.rssAfterGc) / PROFILES,
        baseline: plainBytesPerProfile,
      },
      {
        name: "JS heap per profile",
        unit: "bytes",
        better: "lower",
        subject: (full.heapAfterGc - empty.heapAfterGc) / PROFILES,
        baseline: plainBytesPerProfile,
      },
    ];
    VIEWERS.forEach(({ where }, i) => {
      const http = browsing[i] as HttpBrowsing;
      const scan = scans[i] as ScanTiming;
      const ms = (name: string, subject: number[], baseline: number[], p: number): Metric => ({
        name: `${name}, ${where}`,
        unit: "ms",
        better: "lower",
        subject: percentile(subject, p),
        baseline: percentile(baseline, p),
      });
      metrics.push(
        ms("new session (reset + first page) p50", http.firstPageMs, scan.firstPageMs, 50),
        ms("next page p50", http.nextMs, scan.pageMs, 50),
        ms("next page p99", http.nextMs, scan.pageMs, 99),
        {
          name: `CPU per page, ${where}`,
          unit: "µs",
          better: "lower",
          subject: http.serverCpuMicrosPerPage,
          baseline: scan.cpuMicrosPerPage,
        },
      );
    });
    const browse: BenchmarkResult = {
      id: "profile-server-browse",
      title: `Browsing ${PROFILES.toLocaleString("en-US")} public profiles over HTTP`,
      subject: "venus server, HTTP",
      baseline: "plain scan + sort",
      parameters: {
        profiles: PROFILES,
        page_size: PAGE_SIZE,
        cell_km: CELL_KM,
        http_pages: `${SESSIONS} sessions × ${PAGES_PER_SESSION} pages per viewer`,
        scan_pages: `${SCAN_SESSIONS} × ${SCAN_PAGES_PER_SESSION} pages per viewer`,
        memory: "server: (1M − empty) after a full GC ÷ profiles; scan: its JS heap ÷ profiles",
      },
      metrics,
    };
    const postgis = await benchPostgis(
      profiles,
      VIEWERS.map(({ where, spec }, i) => ({
        where,
        spec,
        http: browsing[i] as HttpBrowsing,
        scanFirstIds: (scans[i] as ScanTiming).firstIds,
      })),
      SESSIONS,
      PAGES_PER_SESSION,
      PAGE_SIZE,
    );
    const automatic = await benchAutomaticSearch(join(fullDir, "data"), CONFIG.profile);
    return postgis === undefined ? [startup, browse, automatic] : [startup, browse, automatic, postgis];
  } finally {
    rmSync(fullDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const result of await benchProfileServer()) process.stdout.write(`\n${formatTable(result)}\n\n`);
}

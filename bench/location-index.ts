/**
 * The location index and profile iterator (issue 3) against a plain scan, in memory, over 1,000,000
 * profiles in Finland. Runs in `npm run bench` or alone: `npx tsx bench/location-index.ts`.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  LocationIndex,
  ProfileIterator,
  type LocationEntry,
} from "../packages/data-profile/src/location/index.js";
import { seededRandom } from "../packages/data-profile/src/location/seeded-random.js";
import { mutualKeyMatch } from "../packages/data-profile/src/browse/match-key.js";
import { buildIndex, buildPlain, plainScanPage, type Viewer } from "./location-index-sides.js";
import {
  DENSE_CITY,
  EMPTY_REGION,
  generateProfiles,
  matches,
  matchKeyOf,
  randomViewer,
  type MatchFilter,
} from "./location-index-data.js";
import { percentile } from "./measure.js";
import { formatTable, progress, type BenchmarkResult, type Metric } from "./report.js";
import { sized } from "./quick.js";

const ENTRIES = sized(1_000_000, 20_000);
const CELL_KM = 2;
const PAGE_SIZE = 25;
const SESSIONS = sized(100, 5);
const PAGES_PER_SESSION = sized(20, 4);
/** The plain scan reads everything for each page, so it gets fewer viewers (2 pages each). */
const SCAN_VIEWERS = sized(50, 5);

interface Timing {
  samplesMs: number[];
  /** Process CPU time of each call: on a shared machine, the wall time's tail is mostly waiting for a core. */
  cpuSamplesMs: number[];
  cpuMicrosPerPage: number;
}

/** A full garbage collection, even when node was started without --expose-gc. */
export function collectGarbage(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

export function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Runs `page(viewer, n)` for `sessions` viewers × `pages` pages, timing each call. */
function timePages(
  sessions: number,
  pages: number,
  viewers: () => Viewer,
  start: (viewer: Viewer) => (n: number) => unknown,
): Timing {
  const samplesMs: number[] = [];
  const cpuSamplesMs: number[] = [];
  const cpu = process.cpuUsage();
  for (let s = 0; s < sessions; s++) {
    const page = start(viewers());
    for (let n = 0; n < pages; n++) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      page(n);
      samplesMs.push(performance.now() - started);
      const used = process.cpuUsage(cpuBefore);
      cpuSamplesMs.push((used.user + used.system) / 1000);
    }
  }
  const used = process.cpuUsage(cpu);
  return { samplesMs, cpuSamplesMs, cpuMicrosPerPage: (used.user + used.system) / samplesMs.length };
}

function timed<T>(build: () => T): [T, number] {
  const started = performance.now();
  return [build(), performance.now() - started];
}

/** A browse session as the server starts one: the packed key checked first, then the whole match. */
export function startIterator(index: LocationIndex<MatchFilter>, viewer: Viewer) {
  const accept = (entry: LocationEntry<MatchFilter>) => matches(viewer.filter, entry.data);
  return new ProfileIterator(index, viewer, { acceptKey: mutualKeyMatch(matchKeyOf(viewer.filter)) }, accept);
}

/** The first page of both must agree, or the comparison means nothing. */
function assertSameFirstPage(
  index: LocationIndex<MatchFilter>,
  plain: LocationEntry<MatchFilter>[],
  viewer: Viewer,
) {
  const fromIndex = startIterator(index, viewer)
    .nextPage(PAGE_SIZE)
    .map((p) => p.distanceKm);
  const fromScan = plainScanPage(plain, viewer, 0, PAGE_SIZE).map((p) => p.distanceKm);
  if (fromIndex.join() !== fromScan.join()) throw new Error("iterator and plain scan disagree");
}

export async function benchLocationIndex(cellKm = CELL_KM): Promise<BenchmarkResult> {
  const gc = collectGarbage();
  progress(`location-index: generating ${ENTRIES.toLocaleString("en-US")} profiles`);
  const profiles = generateProfiles(ENTRIES, 1);
  // The index is built first, so the baseline's build pays for collecting the larger heap.
  const heapBefore = heapAfterGc(gc);
  progress("location-index: building the index and the plain array");
  const [index, indexBuildMs] = timed(() => buildIndex(profiles, cellKm));
  const heapIndex = heapAfterGc(gc);
  const [plain, plainBuildMs] = timed(() => buildPlain(profiles));
  const heapPlain = heapAfterGc(gc);
  // Read after the samples, so the generated profiles stay alive (and out of the deltas) until then.
  const entries = profiles.ids.length;

  const random = seededRandom(2);
  const metrics: Metric[] = [
    { name: "build", unit: "ms", better: "lower", subject: indexBuildMs, baseline: plainBuildMs },
    {
      name: "memory per entry",
      unit: "bytes",
      better: "lower",
      subject: (heapIndex - heapBefore) / entries,
      baseline: (heapPlain - heapIndex) / entries,
    },
  ];
  for (const [where, place, spreadKm] of [
    ["dense city", DENSE_CITY, 3],
    ["empty region", EMPTY_REGION, 10],
  ] as const) {
    const viewers = () => randomViewer(random, place, spreadKm);
    assertSameFirstPage(index, plain, viewers());
    progress(`location-index: paging, viewer in ${where}`);
    const subject = timePages(SESSIONS, PAGES_PER_SESSION, viewers, (viewer) => {
      const iterator = startIterator(index, viewer);
      return () => iterator.nextPage(PAGE_SIZE);
    });
    const baseline = timePages(
      SCAN_VIEWERS,
      2,
      viewers,
      (viewer) => (n) => plainScanPage(plain, viewer, n, PAGE_SIZE),
    );
    for (const p of [50, 99]) {
      metrics.push({
        name: `next page p${p}, ${where}`,
        unit: "ms",
        better: "lower",
        subject: percentile(subject.samplesMs, p),
        baseline: percentile(baseline.samplesMs, p),
      });
    }
    metrics.push({
      name: `next page CPU p99, ${where}`,
      unit: "ms",
      better: "lower",
      subject: percentile(subject.cpuSamplesMs, 99),
      baseline: percentile(baseline.cpuSamplesMs, 99),
    });
    metrics.push({
      name: `CPU per page, ${where}`,
      unit: "µs",
      better: "lower",
      subject: subject.cpuMicrosPerPage,
      baseline: baseline.cpuMicrosPerPage,
    });
  }
  return {
    id: "location-index",
    title: `Location index, ${ENTRIES.toLocaleString("en-US")} profiles in Finland`,
    subject: "LocationIndex + ProfileIterator",
    baseline: "plain scan + sort",
    parameters: {
      entries: ENTRIES,
      cell_km: cellKm,
      page_size: PAGE_SIZE,
      index_pages: `${SESSIONS} sessions × ${PAGES_PER_SESSION} pages`,
      scan_pages: `${SCAN_VIEWERS} viewers × 2 pages`,
      memory: "JS heap after a full GC; ids and filter records excluded (the caller owns them)",
    },
    metrics,
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await benchLocationIndex();
  process.stdout.write(`\n${formatTable(result)}\n\n`);
}

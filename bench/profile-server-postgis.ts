/**
 * The profile-server benchmark's PostgreSQL + PostGIS baseline: what a team building browsing on
 * "Postgres for everything" would have. The same generated profiles in one table with a GiST index
 * on a geography point, the same two-sided match in SQL, and nearest-first pages with keyset paging
 * (`ORDER BY geom <-> viewer`, continuing after the last page's distance).
 */
import type pg from "pg";
import type { MatchFilter, Profiles } from "./location-index-data.js";
import { MIB, percentile, processCpuMicros } from "./measure.js";
import type { HttpBrowsing, ViewerSpec } from "./profile-server-browse.js";
import { ensurePostgis, startPostgis, type Postgis } from "./postgis-server.js";
import { QUICK } from "./quick.js";
import { progress, type BenchmarkResult, type Metric } from "./report.js";

const ROWS_PER_INSERT = 50_000;

/** Loads the profiles, builds the GiST index and gathers statistics; returns table + index bytes. */
export async function loadPostgis(client: pg.Client, profiles: Profiles): Promise<number> {
  await client.query(`CREATE TABLE profiles (
    id text PRIMARY KEY, gender int2 NOT NULL, wants int2 NOT NULL,
    age int2 NOT NULL, min_age int2 NOT NULL, max_age int2 NOT NULL,
    geom geography(Point, 4326) NOT NULL)`);
  const count = profiles.ids.length;
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const end = Math.min(count, start + ROWS_PER_INSERT);
    const filters = profiles.filters.slice(start, end);
    const column = (key: keyof MatchFilter) => filters.map((f) => f[key]);
    await client.query(
      `INSERT INTO profiles SELECT id, gender, wants, age, min_age, max_age,
         ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography
       FROM unnest($1::text[], $2::int2[], $3::int2[], $4::int2[], $5::int2[], $6::int2[],
         $7::float8[], $8::float8[]) AS t(id, gender, wants, age, min_age, max_age, lat, lon)`,
      [
        profiles.ids.slice(start, end),
        column("gender"),
        column("wants"),
        column("age"),
        column("minAge"),
        column("maxAge"),
        Array.from(profiles.lat.subarray(start, end)),
        Array.from(profiles.lon.subarray(start, end)),
      ],
    );
  }
  progress("profile-server: PostGIS GiST index and ANALYZE");
  await client.query("CREATE INDEX profiles_geom ON profiles USING gist (geom)");
  await client.query("ANALYZE profiles");
  const { rows } = await client.query<{ bytes: string }>(
    "SELECT pg_total_relation_size('profiles') AS bytes",
  );
  return Number((rows[0] as { bytes: string }).bytes);
}

/**
 * One page: the viewer's matches both ways, nearest first, farther than the last row shown. `<->` on
 * geography is the distance on the sphere, the same order as Venus's haversine. Keyset on the
 * distance alone, because ordering by `(distance, id)` makes the planner leave the GiST index for a
 * sequential scan and a sort of every match (seen with EXPLAIN at 1,000,000 rows); it assumes no two
 * profiles are at exactly the same distance, which holds for this data (the pages are checked).
 */
const PAGE_SQL = `
  SELECT id, geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS distance
  FROM profiles
  WHERE (wants & $3) <> 0 AND ($4 & gender) <> 0
    AND age BETWEEN $5 AND $6 AND $7 BETWEEN min_age AND max_age
    AND geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography > $8
  ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography
  LIMIT $9`;

export interface PostgisBrowsing {
  firstPageMs: number[];
  nextMs: number[];
  backendCpuMicrosPerPage: number;
  firstIds: string[][];
}

/** `sessions` × `pages` keyset pages, one query at a time, each timed on the client. */
export async function browsePostgis(
  { client, backendPid }: Postgis,
  spec: ViewerSpec,
  sessions: number,
  pages: number,
  pageSize: number,
): Promise<PostgisBrowsing> {
  const result: PostgisBrowsing = { firstPageMs: [], nextMs: [], backendCpuMicrosPerPage: 0, firstIds: [] };
  const { lat, lon, filter } = spec;
  const statement = { name: "page", text: PAGE_SQL };
  const cpuBefore = processCpuMicros(backendPid);
  for (let s = 0; s < sessions; s++) {
    let after = -1;
    for (let n = 0; n < pages; n++) {
      const started = performance.now();
      const { rows } = await client.query<{ id: string; distance: number }>({
        ...statement,
        values: [
          lon,
          lat,
          filter.gender,
          filter.wants,
          filter.minAge,
          filter.maxAge,
          filter.age,
          after,
          pageSize,
        ],
      });
      const ms = performance.now() - started;
      result.nextMs.push(ms);
      if (n === 0) result.firstPageMs.push(ms);
      if (s === 0) result.firstIds.push(rows.map((row) => row.id));
      if (rows.length !== pageSize) throw new Error(`PostGIS page ${n} has ${rows.length} rows`);
      const last = rows[rows.length - 1] as { id: string; distance: number };
      after = last.distance;
    }
  }
  result.backendCpuMicrosPerPage = (processCpuMicros(backendPid) - cpuBefore) / result.nextMs.length;
  return result;
}

export interface PostgisViewer {
  where: string;
  spec: ViewerSpec;
  /** The same viewer's browsing of Venus over HTTP, and the plain scan's first pages' ids. */
  http: HttpBrowsing;
  scanFirstIds: string[][];
}

/**
 * The PostGIS baseline beside Venus over HTTP, or undefined (with a progress line saying why) when
 * PostgreSQL + PostGIS cannot run here. Fails unless PostGIS's first pages are the plain scan's.
 */
export async function benchPostgis(
  profiles: Profiles,
  viewers: PostgisViewer[],
  sessions: number,
  pages: number,
  pageSize: number,
): Promise<BenchmarkResult | undefined> {
  const skipped = ensurePostgis(!QUICK);
  if (skipped !== undefined) {
    progress(`profile-server: PostgreSQL + PostGIS baseline skipped: ${skipped}`);
    return undefined;
  }
  const postgis = await startPostgis();
  try {
    progress(`profile-server: loading ${profiles.ids.length.toLocaleString("en-US")} profiles into PostGIS`);
    const loadStarted = performance.now();
    const bytes = await loadPostgis(postgis.client, profiles);
    const loadMs = performance.now() - loadStarted;
    const metrics: Metric[] = [];
    for (const { where, spec, http, scanFirstIds } of viewers) {
      progress(`profile-server: browsing PostGIS, viewer in ${where}`);
      const sql = await browsePostgis(postgis, spec, sessions, pages, pageSize);
      scanFirstIds.forEach((ids, n) => {
        if (ids.join() !== sql.firstIds[n]?.join())
          throw new Error(`${where}: page ${n} of PostGIS and of the plain scan differ`);
      });
      const ms = (name: string, subject: number[], baseline: number[], p: number): Metric => ({
        name: `${name}, ${where}`,
        unit: "ms",
        better: "lower",
        subject: percentile(subject, p),
        baseline: percentile(baseline, p),
      });
      metrics.push(
        ms("new session (first page) p50", http.firstPageMs, sql.firstPageMs, 50),
        ms("next page p50", http.nextMs, sql.nextMs, 50),
        ms("next page p99", http.nextMs, sql.nextMs, 99),
        {
          name: `server CPU per page, ${where}`,
          unit: "µs",
          better: "lower",
          subject: http.serverCpuMicrosPerPage,
          baseline: sql.backendCpuMicrosPerPage,
        },
      );
    }
    return {
      id: "profile-server-postgis",
      title: `Browsing ${profiles.ids.length.toLocaleString("en-US")} public profiles: Venus over HTTP and PostgreSQL + PostGIS`,
      subject: "venus server, HTTP",
      baseline: "PostgreSQL 15 + PostGIS",
      parameters: {
        profiles: profiles.ids.length,
        page_size: pageSize,
        pages: `${sessions} sessions × ${pages} pages per viewer on both`,
        postgis_load_ms: Math.round(loadMs),
        postgis_table_and_indexes_mib: Math.round(bytes / MIB),
        postgis_cpu: "the connection's backend process, from /proc",
      },
      metrics,
    };
  } finally {
    await postgis.stop();
  }
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DAY_MS, WriteBehindFlusher, WriterMetrics, type LiveConnection } from "@venus/data-common";
import { VenusConfig } from "@venus/model";
import { createLogger, loadConfig, Metrics } from "@venus/simple-backend";
import { afterEach, expect, it } from "vitest";
import { openHistoryComponent } from "./history-component.js";
import { HOUR_MS } from "./hour-totals.js";
import { apiUsage, ipHistory } from "./operations/account-history.js";
import { hourlyHistory } from "./operations/hourly-history.js";
import { pruneHistory } from "./operations/prune-history.js";
import { recordAddress, recordRequest, sampleNow } from "./operations/record.js";
import { storeHours } from "./operations/store-history.js";

const HOUR = Date.parse("2026-03-01T10:00:00Z");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(clock: { now: number }, dataDir = mkdtempSync(join(tmpdir(), "venus-history-"))) {
  dirs.push(dataDir);
  const config = loadConfig({ schema: VenusConfig, envPrefix: "VENUS_TEST_NONE_", env: {} });
  config.data_dir = dataDir;
  config.statistics.max_hours_per_request = 3;
  config.statistics.account_history_days = 5;
  config.statistics.history_days = 2;
  config.statistics.max_ip_addresses = 2;
  const connections: LiveConnection[] = [];
  const flusher = new WriteBehindFlusher(() => {});
  const component = openHistoryComponent({
    config,
    log: createLogger("silent", "test"),
    writerMetrics: new WriterMetrics(new Metrics()),
    flusher,
    sources: {
      connections: () => connections,
      accountIds: () => ["a", "b", "bot"],
      isBot: (id) => id === "bot",
    },
    now: () => clock.now,
  });
  return { ...component, connections, flusher, dataDir };
}

it("stores each hour once per store, adding up stores of the same hour across a restart", async () => {
  const clock = { now: HOUR + 60_000 };
  const first = open(clock);
  first.connections.push({ accountId: "a", kind: "web" } as LiveConnection);
  sampleNow(first.ctx);
  recordRequest(first.ctx, "a", "GET /x");
  recordRequest(first.ctx, undefined, "POST /account/login");
  expect(await storeHours(first.ctx, { current: true })).toBe(1);
  await first.writer.close();
  first.db.close();

  const second = open(clock, first.dataDir);
  clock.now = HOUR + 30 * 60_000;
  sampleNow(second.ctx);
  recordRequest(second.ctx, "a", "GET /x");
  clock.now = HOUR + HOUR_MS + 1;
  recordRequest(second.ctx, "b", "WS chat.send");
  expect(await storeHours(second.ctx, { current: false })).toBe(1);
  const { hours } = hourlyHistory(second.ctx, { from: HOUR, to: HOUR + 3 * HOUR_MS });
  expect(hours).toEqual([
    {
      hour: HOUR,
      samples: 2,
      clients: { min: 0, max: 1, average: 0.5 },
      accounts: 2,
      online_accounts: 1,
      requests: { total: 3, by_route: { "GET /x": 2, "POST /account/login": 1 } },
    },
  ]);
  expect(await storeHours(second.ctx, { current: true })).toBe(1);
  expect(hourlyHistory(second.ctx, {}).hours.map((h) => h.requests.by_route)).toEqual([
    { "GET /x": 2, "POST /account/login": 1 },
    { "WS chat.send": 1 },
  ]);
});

it("refuses ranges longer than max_hours_per_request and reversed ones", () => {
  const { ctx } = open({ now: HOUR });
  expect(hourlyHistory(ctx, { from: HOUR, to: HOUR + 3 * HOUR_MS }).hours).toEqual([]);
  expect(() => hourlyHistory(ctx, { from: HOUR, to: HOUR + 3 * HOUR_MS + 1 })).toThrow(
    expect.objectContaining({ code: "range_too_long" }),
  );
  expect(() => hourlyHistory(ctx, { from: HOUR + 1, to: HOUR })).toThrow(
    expect.objectContaining({ code: "validation_failed" }),
  );
  expect(hourlyHistory(ctx, {})).toMatchObject({ from: HOUR - 3 * HOUR_MS, to: HOUR });
});

it("reports usage per day and addresses, flushed or not, within their limits", async () => {
  const clock = { now: HOUR };
  const { ctx, flusher } = open(clock);
  recordRequest(ctx, "a", "GET /x");
  recordAddress(ctx, "a", "10.0.0.1");
  await flusher.flushAll();
  clock.now += DAY_MS;
  recordRequest(ctx, "a", "GET /x");
  recordRequest(ctx, "a", "GET /x");
  recordAddress(ctx, "a", "10.0.0.1");
  recordAddress(ctx, "a", "10.0.0.2");
  clock.now += 1000;
  recordAddress(ctx, "a", "10.0.0.3");
  expect(apiUsage(ctx, "a", 2)).toEqual({
    account_id: "a",
    days: [
      { day: "2026-03-01", requests: 1 },
      { day: "2026-03-02", requests: 2 },
    ],
    total: 3,
  });
  expect(apiUsage(ctx, "a", 1).total).toBe(2);
  expect(apiUsage(ctx, "a").days).toHaveLength(5);
  expect(() => apiUsage(ctx, "a", 6)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  expect(() => apiUsage(ctx, "a", 0)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  const ips = ipHistory(ctx, "a");
  expect(ips.total).toBe(3);
  expect(ips.addresses).toEqual([
    { address: "10.0.0.3", first_seen: clock.now, last_seen: clock.now, count: 1 },
    { address: "10.0.0.1", first_seen: HOUR, last_seen: HOUR + DAY_MS, count: 2 },
  ]);
  expect(ipHistory(ctx, "b")).toEqual({ account_id: "b", addresses: [], total: 0 });
});

it("prunes hours, usage and addresses past their retention", async () => {
  const clock = { now: HOUR };
  const { ctx } = open(clock);
  recordRequest(ctx, "a", "GET /x");
  recordAddress(ctx, "a", "10.0.0.1");
  await storeHours(ctx, { current: true });
  clock.now = HOUR + 2 * DAY_MS;
  expect(await pruneHistory(ctx)).toBe(0);
  clock.now = HOUR + 2 * DAY_MS + HOUR_MS;
  expect(await pruneHistory(ctx)).toBe(2);
  // Usage keeps the last 5 UTC days, today included; an address is kept 5 days after it was last seen.
  clock.now = HOUR + 5 * DAY_MS;
  expect(await pruneHistory(ctx)).toBe(1);
  expect(apiUsage(ctx, "a").total).toBe(0);
  expect(ipHistory(ctx, "a").total).toBe(1);
  clock.now += 1;
  expect(await pruneHistory(ctx)).toBe(1);
  expect(ipHistory(ctx, "a").total).toBe(0);
});

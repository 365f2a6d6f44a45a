import type { HourlyRow } from "@venus/database";

export const HOUR_MS = 3_600_000;

/** The start (Unix ms) of the UTC hour `time` is in. */
export const hourStart = (time: number): number => time - (time % HOUR_MS);

/** What one hour gathered in memory since it was last stored. */
export interface HourTotals {
  hour: number;
  samples: number;
  clientsMin: number;
  clientsMax: number;
  clientsSum: number;
  onlineMax: number;
  requests: number;
  /** Requests by route label. */
  routes: Map<string, number>;
}

export function emptyHour(hour: number): HourTotals {
  return {
    hour,
    samples: 0,
    clientsMin: 0,
    clientsMax: 0,
    clientsSum: 0,
    onlineMax: 0,
    requests: 0,
    routes: new Map(),
  };
}

/** Adds one sample of connected clients and online accounts. */
export function addSample(totals: HourTotals, clients: number, online: number): void {
  totals.clientsMin = totals.samples === 0 ? clients : Math.min(totals.clientsMin, clients);
  totals.clientsMax = Math.max(totals.clientsMax, clients);
  totals.clientsSum += clients;
  totals.onlineMax = Math.max(totals.onlineMax, online);
  totals.samples++;
}

export function countRequest(totals: HourTotals, route: string): void {
  totals.requests++;
  totals.routes.set(route, (totals.routes.get(route) ?? 0) + 1);
}

/**
 * The hour's row with `totals` added to what was stored before (an hour is stored more than once when
 * the server restarts within it, or when an admin stores it early). `accounts` is the count now.
 */
export function mergeHour(stored: HourlyRow | undefined, totals: HourTotals, accounts: number): HourlyRow {
  const before = stored ?? {
    samples: 0,
    clients_min: 0,
    clients_max: 0,
    clients_sum: 0,
    online_max: 0,
    requests: 0,
  };
  const clientsMin =
    before.samples === 0
      ? totals.clientsMin
      : totals.samples === 0
        ? before.clients_min
        : Math.min(before.clients_min, totals.clientsMin);
  return {
    hour: totals.hour,
    samples: before.samples + totals.samples,
    clients_min: clientsMin,
    clients_max: Math.max(before.clients_max, totals.clientsMax),
    clients_sum: before.clients_sum + totals.clientsSum,
    accounts,
    online_max: Math.max(before.online_max, totals.onlineMax),
    requests: before.requests + totals.requests,
  };
}

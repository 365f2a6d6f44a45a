import type { HourlyRouteRow, HourlyRow } from "@venus/database";
import type { HourlyStatistics } from "@venus/model";

/** One stored hour as admins see it; the clients average is rounded to hundredths. */
export function presentHour(row: HourlyRow, routes: readonly HourlyRouteRow[]): HourlyStatistics {
  const average = row.samples === 0 ? 0 : row.clients_sum / row.samples;
  return {
    hour: row.hour,
    samples: row.samples,
    clients: { min: row.clients_min, max: row.clients_max, average: Math.round(average * 100) / 100 },
    accounts: row.accounts,
    online_accounts: row.online_max,
    requests: {
      total: row.requests,
      by_route: Object.fromEntries(routes.map((r) => [r.route, r.requests])),
    },
  };
}

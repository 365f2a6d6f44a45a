import type { ProfileStatistics, ServerStatisticsHistory } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import { useLoad } from "../../use-load.js";
import { Chart, type Series } from "./chart.js";

const RANGES = { "24 hours": 1, "7 days": 7, "30 days": 30 } as const;
type Range = keyof typeof RANGES;
const DAY_MS = 24 * 3600 * 1000;
/** Routes drawn one by one in the requests chart; the rest are summed as "other". */
const TOP_ROUTES = 5;

function requestSeries(history: ServerStatisticsHistory): Series[] {
  const totals = new Map<string, number>();
  for (const hour of history.hours)
    for (const [route, count] of Object.entries(hour.requests.by_route))
      totals.set(route, (totals.get(route) ?? 0) + count);
  const top = [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_ROUTES)
    .map(([route]) => route);
  return [
    { label: "all", values: history.hours.map((hour) => hour.requests.total) },
    ...top.map((route) => ({
      label: route,
      values: history.hours.map((hour) => hour.requests.by_route[route] ?? 0),
    })),
  ];
}

/** Server statistics over a chosen range (hourly) and today's profile counts by age and gender. */
export function ChartsPart({ session }: { session: Session }) {
  const [range, setRange] = useState<Range>("24 hours");
  const history = useLoad(() => {
    const to = Date.now();
    const from = new Date(to - RANGES[range] * DAY_MS).toISOString();
    return session.api.get<ServerStatisticsHistory>(
      `/admin/statistics/history?from=${from}&to=${new Date(to).toISOString()}`,
    );
  }, [range]);
  const profiles = useLoad(() => session.api.get<ProfileStatistics>("/admin/profile/statistics"), []);
  const hours = history.data?.hours ?? [];
  const x = hours.map((hour) => hour.hour / 1000);
  const shown: [number, number] | undefined = history.data && [
    history.data.from / 1000,
    history.data.to / 1000,
  ];
  const ages = Array.from({ length: 82 }, (_, index) => index + 18);
  return (
    <section aria-label="Statistics" class="part wide">
      <h2>Statistics</h2>
      <label class="inline-label">
        Range{" "}
        <select
          aria-label="Statistics range"
          value={range}
          onChange={(event) => setRange(event.currentTarget.value as Range)}
        >
          {Object.keys(RANGES).map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      {history.error && <p role="alert">{history.error}</p>}
      {history.data && hours.length === 0 && (
        <p>No stored hours in this range yet (stored each hour and at shutdown).</p>
      )}
      <div class="charts">
        {hours.length > 0 && (
          <>
            <Chart
              title="Online per hour"
              range={shown}
              x={x}
              series={[
                { label: "online accounts", values: hours.map((hour) => hour.online_accounts) },
                { label: "WebSocket clients (max)", values: hours.map((hour) => hour.clients.max) },
                {
                  label: "WebSocket clients (average)",
                  values: hours.map((hour) => Math.round(hour.clients.average * 10) / 10),
                },
              ]}
            />
            <Chart
              title="Requests per hour by route"
              range={shown}
              x={x}
              series={requestSeries(history.data as ServerStatisticsHistory)}
            />
          </>
        )}
        {profiles.data && (
          <Chart
            title={`Public profiles by age and gender (${profiles.data.public.total} in all)`}
            time={false}
            x={ages}
            series={(["woman", "man", "non_binary"] as const).map((gender) => ({
              label: gender.replace("_", "-"),
              values: ages.map((_, index) => profiles.data?.public[gender][index] ?? 0),
            }))}
          />
        )}
      </div>
    </section>
  );
}

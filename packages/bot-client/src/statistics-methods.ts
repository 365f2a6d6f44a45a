import type { ApiUsage, IpHistory, ServerStatisticsHistory } from "@venus/model";
import { routePath, type HttpApi } from "./http-api.js";

const iso = (time: Date | string | undefined): string | undefined =>
  time instanceof Date ? time.toISOString() : time;

/** The admin statistics routes of history.sqlite (`403 forbidden` without their permission). */
export class StatisticsMethods {
  constructor(private readonly http: HttpApi) {}

  /** `GET /admin/statistics/history?from=&to=` (`view_statistics`): stored hours starting in [from, to). */
  history(range: { from?: Date | string; to?: Date | string } = {}): Promise<ServerStatisticsHistory> {
    return this.http.get("/admin/statistics/history", { from: iso(range.from), to: iso(range.to) });
  }

  /** `POST /admin/statistics/store_hour` (`edit_config`): stores the current hour now. */
  storeHour(): Promise<{ hours_stored: number }> {
    return this.http.post("/admin/statistics/store_hour");
  }

  /** `GET /admin/accounts/{id}/api_usage[?days=]` (`view_statistics`): requests per UTC day. */
  apiUsage(accountId: string, days?: number): Promise<ApiUsage> {
    return this.http.get(routePath`/admin/accounts/${accountId}/api_usage`, { days });
  }

  /** `GET /admin/accounts/{id}/ip_history` (`view_statistics`): most recently seen first. */
  ipHistory(accountId: string): Promise<IpHistory> {
    return this.http.get(routePath`/admin/accounts/${accountId}/ip_history`);
  }
}

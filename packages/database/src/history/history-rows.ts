/** One UTC hour of server statistics; the clients average is `clients_sum / samples`. */
export interface HourlyRow {
  /** Unix ms of the hour's start. */
  hour: number;
  samples: number;
  clients_min: number;
  clients_max: number;
  clients_sum: number;
  accounts: number;
  online_max: number;
  requests: number;
}

export interface HourlyRouteRow {
  hour: number;
  /** `METHOD /pattern` for HTTP, `WS method` for WebSocket requests. */
  route: string;
  requests: number;
}

export interface AccountUsageRow {
  account_id: string;
  /** Days since the epoch (UTC). */
  day: number;
  requests: number;
}

export interface AccountAddressRow {
  account_id: string;
  address: string;
  first_seen: number;
  last_seen: number;
  count: number;
}

import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";

const Count = Type.Integer({ minimum: 0 });

/** One UTC hour of server statistics (`GET /admin/statistics/history`). */
export const HourlyStatistics = Type.Object({
  hour: Type.Integer({ description: "Unix milliseconds of the hour's start (UTC)." }),
  samples: Type.Integer({
    minimum: 0,
    description:
      "How many samples (every statistics.sample_seconds while the server ran) the client figures cover.",
  }),
  clients: Type.Object(
    {
      min: Count,
      max: Count,
      average: Type.Number({ minimum: 0 }),
    },
    { description: "Connected WebSocket clients over the samples, bots left out (all 0 without samples)." },
  ),
  accounts: Type.Integer({ minimum: 0, description: "Accounts (bots left out) when the hour was stored." }),
  online_accounts: Type.Integer({
    minimum: 0,
    description: "Most accounts (bots left out) with a connected client in one sample.",
  }),
  requests: Type.Object({
    total: Count,
    by_route: Type.Record(Type.String(), Count, {
      description: "By route: `METHOD /pattern` for HTTP, `WS method` for WebSocket requests.",
    }),
  }),
});
export type HourlyStatistics = Static<typeof HourlyStatistics>;

export const ServerStatisticsHistory = Type.Object({
  from: Type.Integer({ description: "Unix ms: hours starting at or after this…" }),
  to: Type.Integer({ description: "…and before this." }),
  hours: Type.Array(HourlyStatistics, {
    description: "Stored hours, oldest first; hours without a row are left out.",
  }),
});
export type ServerStatisticsHistory = Static<typeof ServerStatisticsHistory>;

export const ApiUsage = Type.Object({
  account_id: AccountId,
  days: Type.Array(Type.Object({ day: Type.String({ format: "date" }), requests: Count }), {
    description: "Every UTC day asked for, oldest first, today last (days without requests show 0).",
  }),
  total: Count,
});
export type ApiUsage = Static<typeof ApiUsage>;

export const IpHistory = Type.Object({
  account_id: AccountId,
  addresses: Type.Array(
    Type.Object({
      address: Type.String(),
      first_seen: Type.Integer({ description: "Unix ms." }),
      last_seen: Type.Integer({ description: "Unix ms." }),
      count: Type.Integer({
        minimum: 1,
        description: "Logins, token refreshes and WebSocket connects from it.",
      }),
    }),
    { description: "Most recently seen first, at most statistics.max_ip_addresses." },
  ),
  total: Type.Integer({ minimum: 0, description: "Addresses kept for the account (may exceed the list)." }),
});
export type IpHistory = Static<typeof IpHistory>;

import type { Migration } from "../migrations.js";

export const HISTORY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "hourly statistics, requests by route, per-account API usage and addresses",
    sql: `
      CREATE TABLE hourly (
        hour INTEGER PRIMARY KEY,
        samples INTEGER NOT NULL,
        clients_min INTEGER NOT NULL,
        clients_max INTEGER NOT NULL,
        clients_sum INTEGER NOT NULL,
        accounts INTEGER NOT NULL,
        online_max INTEGER NOT NULL,
        requests INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE hourly_route (
        hour INTEGER NOT NULL,
        route TEXT NOT NULL,
        requests INTEGER NOT NULL,
        PRIMARY KEY (hour, route)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE account_usage (
        account_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        PRIMARY KEY (account_id, day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX account_usage_by_day ON account_usage (day);
      CREATE TABLE account_address (
        account_id TEXT NOT NULL,
        address TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (account_id, address)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX account_address_by_last_seen ON account_address (last_seen);
    `,
  },
];

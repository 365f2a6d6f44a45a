import type { Database, Statement } from "better-sqlite3";
import type { AccountAddressRow, AccountUsageRow, HourlyRouteRow, HourlyRow } from "./history-rows.js";

/** What `pruneHistory` removed, by table. */
export interface PrunedRows {
  hours: number;
  routes: number;
  usage: number;
  addresses: number;
}

/** Every statement of the history database, prepared once. Writes run inside writer batches. */
export class HistoryStatements {
  private readonly getHourStmt: Statement<[number]>;
  private readonly putHourStmt: Statement<[HourlyRow]>;
  private readonly addRouteStmt: Statement<[HourlyRouteRow]>;
  private readonly addUsageStmt: Statement<[AccountUsageRow]>;
  private readonly addAddressStmt: Statement<[AccountAddressRow]>;
  private readonly hoursStmt: Statement<[number, number]>;
  private readonly routesStmt: Statement<[number, number]>;
  private readonly usageStmt: Statement<[string, number]>;
  private readonly addressesStmt: Statement<[string]>;
  private readonly pruneStmts: Record<keyof PrunedRows, Statement<[number]>>;
  private readonly deleteAccountStmts: Statement<[string]>[];

  constructor(db: Database) {
    this.getHourStmt = db.prepare("SELECT * FROM hourly WHERE hour = ?");
    this.putHourStmt = db.prepare(
      `INSERT OR REPLACE INTO hourly (hour, samples, clients_min, clients_max, clients_sum, accounts, online_max, requests)
       VALUES (@hour, @samples, @clients_min, @clients_max, @clients_sum, @accounts, @online_max, @requests)`,
    );
    this.addRouteStmt = db.prepare(
      `INSERT INTO hourly_route (hour, route, requests) VALUES (@hour, @route, @requests)
       ON CONFLICT (hour, route) DO UPDATE SET requests = requests + excluded.requests`,
    );
    this.addUsageStmt = db.prepare(
      `INSERT INTO account_usage (account_id, day, requests) VALUES (@account_id, @day, @requests)
       ON CONFLICT (account_id, day) DO UPDATE SET requests = requests + excluded.requests`,
    );
    this.addAddressStmt = db.prepare(
      `INSERT INTO account_address (account_id, address, first_seen, last_seen, count)
       VALUES (@account_id, @address, @first_seen, @last_seen, @count)
       ON CONFLICT (account_id, address) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
         last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count`,
    );
    this.hoursStmt = db.prepare("SELECT * FROM hourly WHERE hour >= ? AND hour < ? ORDER BY hour");
    this.routesStmt = db.prepare(
      "SELECT * FROM hourly_route WHERE hour >= ? AND hour < ? ORDER BY hour, route",
    );
    this.usageStmt = db.prepare("SELECT * FROM account_usage WHERE account_id = ? AND day >= ? ORDER BY day");
    this.addressesStmt = db.prepare("SELECT * FROM account_address WHERE account_id = ?");
    this.pruneStmts = {
      hours: db.prepare("DELETE FROM hourly WHERE hour < ?"),
      routes: db.prepare("DELETE FROM hourly_route WHERE hour < ?"),
      usage: db.prepare("DELETE FROM account_usage WHERE day < ?"),
      addresses: db.prepare("DELETE FROM account_address WHERE last_seen < ?"),
    };
    this.deleteAccountStmts = [
      db.prepare("DELETE FROM account_usage WHERE account_id = ?"),
      db.prepare("DELETE FROM account_address WHERE account_id = ?"),
    ];
  }

  hour(hour: number): HourlyRow | undefined {
    return this.getHourStmt.get(hour) as HourlyRow | undefined;
  }

  /** Replaces the hour's row: the caller has merged it with what was stored. */
  putHour(row: HourlyRow): void {
    this.putHourStmt.run(row);
  }

  addRouteRequests(row: HourlyRouteRow): void {
    this.addRouteStmt.run(row);
  }

  addUsage(row: AccountUsageRow): void {
    this.addUsageStmt.run(row);
  }

  /** Adds sightings of an address: first and last seen widen, the count adds up. */
  addAddress(row: AccountAddressRow): void {
    this.addAddressStmt.run(row);
  }

  /** Hours starting in [from, to), oldest first. */
  hours(from: number, to: number): HourlyRow[] {
    return this.hoursStmt.all(from, to) as HourlyRow[];
  }

  routes(from: number, to: number): HourlyRouteRow[] {
    return this.routesStmt.all(from, to) as HourlyRouteRow[];
  }

  usageSince(accountId: string, fromDay: number): AccountUsageRow[] {
    return this.usageStmt.all(accountId, fromDay) as AccountUsageRow[];
  }

  addresses(accountId: string): AccountAddressRow[] {
    return this.addressesStmt.all(accountId) as AccountAddressRow[];
  }

  /** Deletes hours before `hour`, usage before `day` and addresses last seen before `time`. */
  prune(before: { hour: number; day: number; time: number }): PrunedRows {
    const run = (key: keyof PrunedRows, value: number) => this.pruneStmts[key].run(value).changes;
    return {
      hours: run("hours", before.hour),
      routes: run("routes", before.hour),
      usage: run("usage", before.day),
      addresses: run("addresses", before.time),
    };
  }

  /** Account deletion: its API usage and addresses (the hourly totals name no account). */
  deleteAccount(accountId: string): void {
    for (const statement of this.deleteAccountStmts) statement.run(accountId);
  }
}

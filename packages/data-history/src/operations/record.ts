import { utcDay } from "@venus/data-common";
import type { HistoryContext } from "../context.js";
import { sampleClients } from "../client-sample.js";
import { addSample, countRequest } from "../hour-totals.js";

/**
 * Counts one API request in this hour's totals under `route` (`METHOD /pattern`, or `WS method`), and
 * in the account's usage today when it was signed in.
 */
export function recordRequest(ctx: HistoryContext, accountId: string | undefined, route: string): void {
  const now = ctx.now();
  countRequest(ctx.window.at(now), route);
  if (accountId !== undefined) ctx.usage.count(accountId, utcDay(now));
}

/** Notes that the account signed in, refreshed its tokens or connected from `address`. */
export function recordAddress(ctx: HistoryContext, accountId: string, address: string): void {
  ctx.addresses.see(accountId, address, ctx.now());
}

/** Adds a sample of connected clients and online accounts (bots left out) to this hour. */
export function sampleNow(ctx: HistoryContext): void {
  const { clients, online } = sampleClients(ctx.sources.connections(), (id) => ctx.sources.isBot(id));
  addSample(ctx.window.at(ctx.now()), clients, online);
}

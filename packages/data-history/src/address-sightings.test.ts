import { expect, it } from "vitest";
import { AccountUsage } from "./account-usage.js";
import { AddressSightings } from "./address-sightings.js";

it("gathers sightings per account and address until taken", () => {
  const sightings = new AddressSightings();
  sightings.see("a", "10.0.0.1", 300);
  sightings.see("a", "10.0.0.1", 100);
  sightings.see("a", "::1", 200);
  sightings.see("b", "10.0.0.1", 400);
  expect(Object.fromEntries(sightings.pendingFor("a"))).toEqual({
    "10.0.0.1": { first_seen: 100, last_seen: 300, count: 2 },
    "::1": { first_seen: 200, last_seen: 200, count: 1 },
  });
  expect(sightings.take()).toHaveLength(3);
  expect(sightings.take()).toEqual([]);
  expect(sightings.pendingFor("a").size).toBe(0);
});

it("counts requests per account and day until taken", () => {
  const usage = new AccountUsage();
  usage.count("a", 10);
  usage.count("a", 10);
  usage.count("a", 11);
  usage.count("b", 11);
  expect(Object.fromEntries(usage.pendingFor("a"))).toEqual({ 10: 2, 11: 1 });
  expect(usage.take()).toEqual([
    { account_id: "a", day: 10, requests: 2 },
    { account_id: "a", day: 11, requests: 1 },
    { account_id: "b", day: 11, requests: 1 },
  ]);
  expect(usage.take()).toEqual([]);
});

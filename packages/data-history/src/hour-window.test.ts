import { expect, it } from "vitest";
import { HOUR_MS } from "./hour-totals.js";
import { HourWindow } from "./hour-window.js";

const HOUR = Date.parse("2026-03-01T10:00:00Z");

it("moves an ended hour aside and hands it over with or without the current one", () => {
  const window = new HourWindow(HOUR + 1000);
  window.at(HOUR + 2000).requests = 5;
  expect(window.take(HOUR + 3000, false)).toEqual([]);
  window.at(HOUR + HOUR_MS).requests = 1;
  const ended = window.take(HOUR + HOUR_MS + 1, false);
  expect(ended.map((t) => [t.hour, t.requests])).toEqual([[HOUR, 5]]);
  expect(window.take(HOUR + HOUR_MS + 2, false)).toEqual([]);
  const current = window.take(HOUR + HOUR_MS + 3, true);
  expect(current.map((t) => [t.hour, t.requests])).toEqual([[HOUR + HOUR_MS, 1]]);
  // The current hour starts again from empty: a later store adds to the first.
  expect(window.at(HOUR + HOUR_MS + 4)).toMatchObject({ hour: HOUR + HOUR_MS, requests: 0 });
  // Only hours something reached have totals: none for the hour between.
  expect(window.take(HOUR + 3 * HOUR_MS, false).map((t) => t.hour)).toEqual([HOUR + HOUR_MS]);
});

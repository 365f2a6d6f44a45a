import { describe, expect, it } from "vitest";
import { addSample, countRequest, emptyHour, hourStart, mergeHour, HOUR_MS } from "./hour-totals.js";

const HOUR = Date.parse("2026-03-01T10:00:00Z");

describe("hour totals", () => {
  it("starts hours on the UTC hour", () => {
    expect(hourStart(HOUR + 59 * 60_000)).toBe(HOUR);
    expect(hourStart(HOUR + HOUR_MS)).toBe(HOUR + HOUR_MS);
  });

  it("keeps minimum, maximum and sum of clients, the most online, and requests by route", () => {
    const totals = emptyHour(HOUR);
    addSample(totals, 5, 4);
    addSample(totals, 2, 2);
    addSample(totals, 8, 3);
    countRequest(totals, "GET /a");
    countRequest(totals, "GET /a");
    countRequest(totals, "WS chat.send");
    expect(totals).toMatchObject({ samples: 3, clientsMin: 2, clientsMax: 8, clientsSum: 15, onlineMax: 4 });
    expect(totals.requests).toBe(3);
    expect(Object.fromEntries(totals.routes)).toEqual({ "GET /a": 2, "WS chat.send": 1 });
  });

  it("merges a store into the stored row; a side without samples keeps the other's clients", () => {
    const first = emptyHour(HOUR);
    addSample(first, 3, 3);
    countRequest(first, "GET /a");
    const stored = mergeHour(undefined, first, 10);
    expect(stored).toEqual({
      hour: HOUR,
      samples: 1,
      clients_min: 3,
      clients_max: 3,
      clients_sum: 3,
      accounts: 10,
      online_max: 3,
      requests: 1,
    });
    const empty = emptyHour(HOUR);
    countRequest(empty, "GET /a");
    expect(mergeHour(stored, empty, 11)).toMatchObject({
      samples: 1,
      clients_min: 3,
      accounts: 11,
      requests: 2,
    });
    const later = emptyHour(HOUR);
    addSample(later, 1, 1);
    addSample(later, 7, 2);
    expect(mergeHour(stored, later, 12)).toMatchObject({
      samples: 3,
      clients_min: 1,
      clients_max: 7,
      clients_sum: 11,
      online_max: 3,
    });
    expect(mergeHour({ ...stored, samples: 0, clients_min: 0 }, later, 12).clients_min).toBe(1);
  });
});

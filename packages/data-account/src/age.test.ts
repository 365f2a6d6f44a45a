import { describe, expect, it } from "vitest";
import { ageOn, parseDate } from "./age.js";

const on = (iso: string) => new Date(iso);

describe("ageOn", () => {
  const born = { year: 2000, month: 6, day: 15 };

  it("adds a year exactly on the birthday", () => {
    expect(ageOn(born, on("2018-06-14T23:59:59.999Z"))).toBe(17);
    expect(ageOn(born, on("2018-06-15T00:00:00.000Z"))).toBe(18);
    expect(ageOn(born, on("2018-06-16T12:00:00Z"))).toBe(18);
  });

  it("counts months before and after the birthday month", () => {
    expect(ageOn(born, on("2018-05-31T12:00:00Z"))).toBe(17);
    expect(ageOn(born, on("2018-07-01T12:00:00Z"))).toBe(18);
    expect(ageOn(born, on("2018-12-31T12:00:00Z"))).toBe(18);
    expect(ageOn(born, on("2019-01-01T00:00:00Z"))).toBe(18);
  });

  it("is 0 in the first year and negative before birth", () => {
    expect(ageOn(born, on("2000-06-15T00:00:00Z"))).toBe(0);
    expect(ageOn(born, on("2001-06-14T00:00:00Z"))).toBe(0);
    expect(ageOn(born, on("2000-06-14T00:00:00Z"))).toBe(-1);
  });

  it("uses the UTC date, not the local one", () => {
    // 01:30 on the 15th in UTC+2 is still the 14th in UTC, and the rule is UTC.
    expect(ageOn(born, on("2018-06-15T01:30:00+02:00"))).toBe(17);
    expect(ageOn(born, on("2018-06-14T22:30:00-02:00"))).toBe(18);
  });

  it("counts a 29 February birthday on 1 March in common years", () => {
    const leapling = { year: 2004, month: 2, day: 29 };
    expect(ageOn(leapling, on("2022-02-28T12:00:00Z"))).toBe(17);
    expect(ageOn(leapling, on("2022-03-01T00:00:00Z"))).toBe(18);
    expect(ageOn(leapling, on("2024-02-28T12:00:00Z"))).toBe(19);
    expect(ageOn(leapling, on("2024-02-29T00:00:00Z"))).toBe(20);
  });
});

describe("parseDate", () => {
  it("parses real dates, including 29 February in leap years", () => {
    expect(parseDate("2000-06-15")).toEqual({ year: 2000, month: 6, day: 15 });
    expect(parseDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseDate("2000-02-29")).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseDate("1999-12-31")).toEqual({ year: 1999, month: 12, day: 31 });
  });

  it("rejects dates that do not exist", () => {
    for (const text of [
      "2023-02-29",
      "1900-02-29",
      "2023-04-31",
      "2023-13-01",
      "2023-00-10",
      "2023-01-00",
      "2023-01-32",
      "0050-01-01",
    ])
      expect(parseDate(text), text).toBeUndefined();
  });

  it("rejects anything but YYYY-MM-DD", () => {
    for (const text of [
      "2023-1-01",
      "2023-01-1",
      "20230101",
      "2023/01/01",
      " 2023-01-01",
      "2023-01-01T00:00:00Z",
      "",
      "+02023-01-01",
    ])
      expect(parseDate(text), text).toBeUndefined();
  });
});

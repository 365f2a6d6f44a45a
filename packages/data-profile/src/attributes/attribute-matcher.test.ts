import type { AttributeAnswers, AttributeDefinitions, AttributeFilter } from "@venus/model";
import { describe, expect, it } from "vitest";
import { AttributeCatalog } from "./attribute-catalog.js";
import { matchesAttributeFilters } from "./attribute-matcher.js";

const values = (count: number) => Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `V${i + 1}` }));

/** Bits: goal 0–29, hobby 30–39 (words 0–1, value 2 on the sign bit), langs 40–109 (words 1–3), pet 110–112. */
const DEFINITIONS: AttributeDefinitions = {
  attributes: [
    { id: 1, key: "goal", name: "Goal", kind: "single", values: values(30) },
    { id: 2, key: "hobby", name: "Hobby", kind: "multiple", values: values(10) },
    { id: 3, key: "langs", name: "Languages", kind: "multiple", max_selected: 5, values: values(70) },
    { id: 4, key: "pet", name: "Pet", kind: "single", values: values(3) },
  ],
};
const catalog = new AttributeCatalog(DEFINITIONS);

function matches(answers: AttributeAnswers, filters: AttributeFilter[]): boolean {
  return matchesAttributeFilters(catalog.encodeAnswers(answers), 0, catalog.compileFilters(filters));
}

/** Hobby values a, b, c: bits 30, 31 (the sign bit) and 39 (the next word). */
const [a, b, c] = [1, 2, 10];
const PROFILES: [string, AttributeAnswers][] = [
  ["no answer", {}],
  ["a", { "2": [a] }],
  ["b", { "2": [b] }],
  ["a b", { "2": [a, b] }],
  ["a b c", { "2": [a, b, c] }],
  ["c", { "2": [c] }],
];

function truthTable(filters: AttributeFilter[]): Record<string, boolean> {
  return Object.fromEntries(PROFILES.map(([name, answers]) => [name, matches(answers, filters)]));
}

describe("matchesAttributeFilters truth tables", () => {
  const hobby = (filter: Omit<AttributeFilter, "attribute_id">): AttributeFilter => ({
    attribute_id: 2,
    ...filter,
  });
  const T = true;
  const F = false;
  const row = (...cells: boolean[]) => Object.fromEntries(PROFILES.map(([name], i) => [name, cells[i]]));

  it("or: at least one wanted value (also the default mode)", () => {
    expect(truthTable([hobby({ wanted: [a, b], mode: "or" })])).toEqual(row(F, T, T, T, T, F));
    expect(truthTable([hobby({ wanted: [a, b] })])).toEqual(row(F, T, T, T, T, F));
    expect(truthTable([hobby({ wanted: [c] })])).toEqual(row(F, F, F, F, T, T));
  });

  it("and: every wanted value", () => {
    expect(truthTable([hobby({ wanted: [a, b], mode: "and" })])).toEqual(row(F, F, F, T, T, F));
    expect(truthTable([hobby({ wanted: [b, c], mode: "and" })])).toEqual(row(F, F, F, F, T, F));
    expect(truthTable([hobby({ wanted: [a], mode: "and" })])).toEqual(row(F, T, F, T, T, F));
  });

  it("unwanted: none of the values, which a profile without an answer meets", () => {
    expect(truthTable([hobby({ unwanted: [c] })])).toEqual(row(T, T, T, T, F, F));
    expect(truthTable([hobby({ unwanted: [a, b], mode: "and" })])).toEqual(row(T, F, F, F, F, T));
  });

  it("wanted and unwanted together", () => {
    expect(truthTable([hobby({ wanted: [a], unwanted: [b] })])).toEqual(row(F, T, F, F, F, F));
    expect(truthTable([hobby({ wanted: [a, b], mode: "and", unwanted: [c] })])).toEqual(
      row(F, F, F, T, F, F),
    );
    expect(truthTable([hobby({ wanted: [a, c], unwanted: [b] })])).toEqual(row(F, T, F, F, F, T));
  });

  it("no filters pass every profile", () => {
    expect(truthTable([])).toEqual(row(T, T, T, T, T, T));
  });
});

describe("matchesAttributeFilters across attributes", () => {
  const profile = { "1": [30], "2": [b], "3": [1, 33, 64, 70], "4": [2] };

  it("needs every filter to pass", () => {
    const goal = { attribute_id: 1, wanted: [30] };
    const langs = { attribute_id: 3, wanted: [33, 70], mode: "and" as const };
    const noCat = { attribute_id: 4, unwanted: [1] };
    expect(matches(profile, [goal, langs, noCat])).toBe(true);
    expect(matches(profile, [goal, langs, noCat, { attribute_id: 2, wanted: [a] }])).toBe(false);
    expect(matches(profile, [goal, { ...langs, wanted: [33, 2] }, noCat])).toBe(false);
    expect(matches(profile, [{ attribute_id: 4, unwanted: [2] }, goal])).toBe(false);
  });

  it("fails wanted and passes unwanted on an attribute the profile did not answer", () => {
    expect(matches({ "1": [1] }, [{ attribute_id: 3, wanted: [1] }])).toBe(false);
    expect(matches({ "1": [1] }, [{ attribute_id: 3, unwanted: [1] }])).toBe(true);
    expect(matches({}, [{ attribute_id: 4, unwanted: [1, 2, 3] }])).toBe(true);
  });

  it("reads one profile among many stored with a stride", () => {
    const stride = catalog.wordCount;
    const words = new Int32Array(stride * 3);
    catalog.encodeAnswers({ "3": [1] }, words, 0);
    catalog.encodeAnswers(profile, words, stride);
    catalog.encodeAnswers({ "3": [70] }, words, 2 * stride);
    const filters = catalog.compileFilters([{ attribute_id: 3, wanted: [33, 64], mode: "and" }]);
    expect([0, 1, 2].map((i) => matchesAttributeFilters(words, i * stride, filters))).toEqual([
      false,
      true,
      false,
    ]);
  });
});

describe("compileFilters", () => {
  it("merges unwanted and and-values by word, and keeps each or-filter apart", () => {
    const program = catalog.compileFilters([
      { attribute_id: 1, unwanted: [1] },
      { attribute_id: 2, wanted: [a, c], mode: "and", unwanted: [b] },
      { attribute_id: 3, wanted: [1, 70] },
      { attribute_id: 4, wanted: [1], mode: "or" },
    ]);
    // hobby a, b, c: bits 30, 31, 39; langs 1, 70: bits 40, 109; pet 1: bit 110.
    expect([...program]).toEqual([
      ...[2, 0, (1 << 0) | (1 << 31), 1 << 30, 1, 0, 1 << 7],
      ...[2, 1, 1 << 8, 3, 1 << 13],
      ...[1, 3, 1 << 14],
    ]);
    expect([...catalog.compileFilters([])]).toEqual([0]);
  });
});

describe("matchesAttributeFilters against a plain implementation", () => {
  function reference(answers: AttributeAnswers, filters: AttributeFilter[]): boolean {
    return filters.every((filter) => {
      const selected = new Set(answers[String(filter.attribute_id)] ?? []);
      const wanted = filter.wanted ?? [];
      if ((filter.unwanted ?? []).some((id) => selected.has(id))) return false;
      if (wanted.length === 0) return true;
      return filter.mode === "and"
        ? wanted.every((id) => selected.has(id))
        : wanted.some((id) => selected.has(id));
    });
  }

  let seed = 12345;
  const random = (below: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % below;
  };
  const pick = (count: number, from: number) => [
    ...new Set(Array.from({ length: count }, () => random(from) + 1)),
  ];

  it("agrees on 20,000 random profiles and filters", () => {
    const sizes = DEFINITIONS.attributes.map((attribute) => attribute.values?.length ?? 0);
    let passed = 0;
    for (let round = 0; round < 20_000; round++) {
      const answers: AttributeAnswers = {};
      sizes.forEach((size, i) => {
        if (random(4) > 0) answers[String(i + 1)] = pick(i === 0 || i === 3 ? 1 : 1 + random(5), size);
      });
      const filters: AttributeFilter[] = [];
      sizes.forEach((size, i) => {
        if (random(2) === 0) return;
        const wanted = pick(random(3), size);
        const unwanted = pick(random(3), size).filter((id) => !wanted.includes(id));
        if (wanted.length + unwanted.length === 0) return;
        const mode = random(2) === 0 && wanted.length <= (i === 0 || i === 3 ? 1 : 5) ? "and" : "or";
        filters.push({ attribute_id: i + 1, wanted, unwanted, mode });
      });
      const expected = reference(answers, filters);
      expect(matches(answers, filters), JSON.stringify({ answers, filters })).toBe(expected);
      if (expected) passed++;
    }
    expect(passed).toBeGreaterThan(1_000);
    expect(passed).toBeLessThan(19_000);
  });
});

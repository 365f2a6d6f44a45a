import { VenusError, type AttributeDefinitions, type AttributeFilters } from "@venus/model";
import { describe, expect, it } from "vitest";
import { AttributeCatalog } from "./attribute-catalog.js";
import { loadAttributeDefinitions } from "./load-attribute-definitions.js";

const values = (count: number, first = 1) =>
  Array.from({ length: count }, (_, i) => ({ id: first + i, name: `V${first + i}` }));

/** Bits: goal 0–2, interests 3–5 (max 2), languages 6–45 (no max: 40), spanning words 0 and 1. */
const DEFINITIONS: AttributeDefinitions = {
  attributes: [
    { id: 1, key: "goal", name: "Goal", kind: "single", values: values(3) },
    {
      id: 2,
      key: "interests",
      name: "Interests",
      kind: "multiple",
      max_selected: 2,
      groups: [
        { id: 1, name: "Sports", values: values(2, 101) },
        { id: 2, name: "Arts", values: values(1, 201) },
      ],
    },
    { id: 5, key: "languages", name: "Languages", kind: "multiple", values: values(40) },
  ],
};
const catalog = new AttributeCatalog(DEFINITIONS);

describe("AttributeCatalog", () => {
  it("looks attributes up by id, decimal key and key, and lays out one bit per value", () => {
    expect(catalog.attribute(2)?.key).toBe("interests");
    expect(catalog.attribute("5")?.maxSelected).toBe(40);
    expect(catalog.attribute(3)).toBeUndefined();
    for (const key of ["x", "01", "1 ", "1e0", "0x1"]) expect(catalog.attribute(key), key).toBeUndefined();
    expect(catalog.attributeByKey("goal")?.maxSelected).toBe(1);
    expect([...(catalog.attribute(2)?.bits ?? [])]).toEqual([
      [101, 3],
      [102, 4],
      [201, 5],
    ]);
    expect(catalog.attribute(5)?.bits.get(40)).toBe(45);
    expect(catalog.wordCount).toBe(2);
  });

  it("refuses definitions that break the rules", () => {
    const broken = {
      attributes: [...DEFINITIONS.attributes, { ...DEFINITIONS.attributes[0]!, key: "other" }],
    };
    expect(() => new AttributeCatalog(broken)).toThrow(/attributes\.3\.id: duplicate attribute id 1/);
  });

  it("holds the default attributes in 3 words per profile", () => {
    expect(new AttributeCatalog(loadAttributeDefinitions()).wordCount).toBe(3);
  });
});

describe("validateAnswers", () => {
  it("accepts answers at every limit and no answers", () => {
    expect(catalog.validateAnswers({})).toEqual([]);
    expect(catalog.validateAnswers({ "1": [3], "2": [102, 201], "5": values(40).map((v) => v.id) })).toEqual(
      [],
    );
    expect(catalog.validateAnswers({ "1": [], "2": [] })).toEqual([]);
  });

  it("names unknown attributes and value ids", () => {
    expect(catalog.validateAnswers({ "3": [1], "1": [4], "2": [101, 1] })).toEqual([
      { path: "1.0", message: "unknown value id 4" },
      { path: "2.1", message: "unknown value id 1" },
      { path: "3", message: "unknown attribute" },
    ]);
  });

  it("names duplicates, without counting them as a second value", () => {
    expect(catalog.validateAnswers({ "1": [2, 2], "2": [101, 102, 101] })).toEqual([
      { path: "1.1", message: "duplicate value id 2" },
      { path: "2.2", message: "duplicate value id 101" },
    ]);
  });

  it("allows one value for single choice and max_selected for multiple choice", () => {
    expect(catalog.validateAnswers({ "1": [1, 2] })).toEqual([
      { path: "1", message: "single choice: select one value, not 2" },
    ]);
    expect(catalog.validateAnswers({ "2": [101, 102, 201] })).toEqual([
      { path: "2", message: "select at most 2 values, not 3" },
    ]);
  });
});

describe("normalize and acceptAnswers", () => {
  it("sorts ids, drops duplicates and empty answers", () => {
    expect(catalog.normalize({ "5": [9, 2, 9, 1], "1": [], "2": [201, 101] })).toEqual({
      "2": [101, 201],
      "5": [1, 2, 9],
    });
  });

  it("returns normalized answers or throws validation_failed naming each problem under the field", () => {
    expect(catalog.acceptAnswers({ "5": [3, 1] })).toEqual({ "5": [1, 3] });
    const error = (() => {
      try {
        catalog.acceptAnswers({ "1": [1, 2], "9": [1] }, "profile.attributes");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(VenusError);
    expect((error as VenusError).code).toBe("validation_failed");
    expect((error as VenusError).message).toBe(
      "profile.attributes.1: single choice: select one value, not 2; profile.attributes.9: unknown attribute",
    );
  });
});

describe("validateFilters", () => {
  const problems = (filters: AttributeFilters) => catalog.validateFilters(filters);

  it("accepts wanted, unwanted and both, on distinct attributes", () => {
    expect(
      problems([
        { attribute_id: 1, wanted: [1, 2] },
        { attribute_id: 2, wanted: [101, 102], mode: "and", unwanted: [201] },
        { attribute_id: 5, unwanted: [40] },
      ]),
    ).toEqual([]);
  });

  it("names unknown attributes and values, and an attribute filtered twice", () => {
    expect(
      problems([
        { attribute_id: 3, wanted: [1] },
        { attribute_id: 1, wanted: [4], unwanted: [0] },
        { attribute_id: 1, unwanted: [1] },
      ]),
    ).toEqual([
      { path: "0.attribute_id", message: "unknown attribute 3" },
      { path: "1.wanted.0", message: "unknown value id 4" },
      { path: "1.unwanted.0", message: "unknown value id 0" },
      { path: "2.attribute_id", message: "attribute 1 is also filtered at 1" },
    ]);
  });

  it("needs some values, each once, and none both wanted and unwanted", () => {
    expect(problems([{ attribute_id: 1 }])).toEqual([
      { path: "0", message: "needs wanted or unwanted values" },
    ]);
    expect(problems([{ attribute_id: 1, wanted: [], unwanted: [] }])).toHaveLength(1);
    expect(problems([{ attribute_id: 1, wanted: [1, 1], unwanted: [2, 2, 1] }])).toEqual([
      { path: "0.wanted.1", message: "duplicate value id 1" },
      { path: "0.unwanted.1", message: "duplicate value id 2" },
      { path: "0.unwanted.2", message: "value id 1 is also wanted" },
    ]);
  });

  it("refuses an and that asks for more values than a profile can select", () => {
    expect(problems([{ attribute_id: 1, wanted: [1], mode: "and" }])).toEqual([]);
    expect(problems([{ attribute_id: 1, wanted: [1, 2], mode: "and" }])).toEqual([
      { path: "0.mode", message: '"and" of 2 values never matches: a profile selects at most 1' },
    ]);
    expect(problems([{ attribute_id: 2, wanted: [101, 102], mode: "and" }])).toEqual([]);
    expect(problems([{ attribute_id: 2, wanted: [101, 102, 201], mode: "and" }])).toHaveLength(1);
    expect(problems([{ attribute_id: 2, wanted: [101, 102, 201], mode: "or" }])).toEqual([]);
  });

  it("compiles valid filters and throws validation_failed for others", () => {
    expect([...catalog.compileFilters([{ attribute_id: 5, wanted: [1, 40] }])]).toEqual([
      0,
      2,
      0,
      1 << 6,
      1,
      1 << 13,
    ]);
    expect(() => catalog.compileFilters([{ attribute_id: 3, wanted: [1] }], "filters")).toThrow(
      "filters.0.attribute_id: unknown attribute 3",
    );
  });
});

describe("encodeAnswers", () => {
  it("sets one bit per selected value and skips ids the catalog no longer knows", () => {
    const words = catalog.encodeAnswers({ "1": [1], "2": [201], "5": [26, 27, 40], "9": [1], "1 ": [2] });
    expect([...words]).toEqual([(1 << 0) | (1 << 5) | (1 << 31), (1 << 0) | (1 << 13)]);
    expect([...catalog.encodeAnswers({ "1": [99] })]).toEqual([0, 0]);
  });

  it("writes at an offset and clears only its own words", () => {
    const words = new Int32Array(6).fill(-1);
    catalog.encodeAnswers({ "1": [2] }, words, 2);
    expect([...words]).toEqual([-1, -1, 2, 0, -1, -1]);
  });
});

import { compileValidator } from "@venus/simple-backend";
import { describe, expect, it } from "vitest";
import {
  ATTRIBUTE_LIMITS,
  AttributeAnswers,
  AttributeDefinitions,
  AttributeFilter,
  AttributeFilters,
  type AttributeDefinition,
} from "./attributes.js";

const checkDefinitions = compileValidator(AttributeDefinitions);
const checkAnswers = compileValidator(AttributeAnswers);
const checkFilters = compileValidator(AttributeFilters);

const values = (count: number) => Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `V${i + 1}` }));
const attribute = (fields: Partial<AttributeDefinition> = {}): AttributeDefinition => ({
  id: 1,
  key: "goal",
  name: "Goal",
  kind: "single",
  values: values(2),
  ...fields,
});
const definitionsOk = (...attributes: unknown[]) => checkDefinitions({ attributes }).ok;
const pathsOf = (result: { ok: boolean; issues?: { path: string }[] }) => result.issues?.map((i) => i.path);

describe("AttributeDefinitions", () => {
  it("accepts flat values and two-level groups", () => {
    expect(definitionsOk(attribute())).toBe(true);
    const groups = [{ id: 1, name: "Sports", values: values(2) }];
    expect(definitionsOk(attribute({ kind: "multiple", max_selected: 2, values: undefined, groups }))).toBe(
      true,
    );
  });

  it("bounds attribute ids to 1 … maxId", () => {
    expect(definitionsOk(attribute({ id: 0 }))).toBe(false);
    expect(definitionsOk(attribute({ id: 1 }))).toBe(true);
    expect(definitionsOk(attribute({ id: ATTRIBUTE_LIMITS.maxId }))).toBe(true);
    expect(definitionsOk(attribute({ id: ATTRIBUTE_LIMITS.maxId + 1 }))).toBe(false);
    expect(definitionsOk(attribute({ id: 1.5 }))).toBe(false);
  });

  it("takes keys of lowercase letters, digits and _, at most 64 long", () => {
    for (const key of ["a", "relationship_goal", "x2", "a".repeat(64)])
      expect(definitionsOk(attribute({ key })), key).toBe(true);
    for (const key of ["", "Goal", "2x", "_x", "a-b", "a b", "a".repeat(65)])
      expect(definitionsOk(attribute({ key })), key).toBe(false);
  });

  it("takes names of 1 … 100 characters and only the two kinds", () => {
    expect(definitionsOk(attribute({ name: "" }))).toBe(false);
    expect(definitionsOk(attribute({ name: "n".repeat(100) }))).toBe(true);
    expect(definitionsOk(attribute({ name: "n".repeat(101) }))).toBe(false);
    expect(definitionsOk({ ...attribute(), kind: "both" })).toBe(false);
  });

  it("needs at least one value, group, group value and attribute, within the limits", () => {
    expect(definitionsOk(attribute({ values: [] }))).toBe(false);
    expect(definitionsOk(attribute({ values: values(ATTRIBUTE_LIMITS.valuesPerAttribute) }))).toBe(true);
    expect(definitionsOk(attribute({ values: values(ATTRIBUTE_LIMITS.valuesPerAttribute + 1) }))).toBe(false);
    const group = (id: number) => ({ id, name: "G", values: values(1) });
    const groups = (count: number) => Array.from({ length: count }, (_, i) => group(i + 1));
    expect(definitionsOk(attribute({ values: undefined, groups: [] }))).toBe(false);
    expect(definitionsOk(attribute({ values: undefined, groups: [{ id: 1, name: "G", values: [] }] }))).toBe(
      false,
    );
    expect(
      definitionsOk(attribute({ values: undefined, groups: groups(ATTRIBUTE_LIMITS.groupsPerAttribute) })),
    ).toBe(true);
    expect(
      definitionsOk(
        attribute({ values: undefined, groups: groups(ATTRIBUTE_LIMITS.groupsPerAttribute + 1) }),
      ),
    ).toBe(false);
    const many = (count: number) => Array.from({ length: count }, (_, i) => attribute({ id: i + 1 }));
    expect(checkDefinitions({ attributes: [] }).ok).toBe(false);
    expect(checkDefinitions({ attributes: many(ATTRIBUTE_LIMITS.attributes) }).ok).toBe(true);
    expect(checkDefinitions({ attributes: many(ATTRIBUTE_LIMITS.attributes + 1) }).ok).toBe(false);
  });

  it("refuses max_selected below 1 and names unknown keys", () => {
    expect(definitionsOk(attribute({ kind: "multiple", max_selected: 0 }))).toBe(false);
    expect(definitionsOk(attribute({ kind: "multiple", max_selected: 1 }))).toBe(true);
    expect(pathsOf(checkDefinitions({ attributes: [{ ...attribute(), colour: "red" }] }))).toEqual([
      "attributes.0.colour",
    ]);
    expect(
      pathsOf(
        checkDefinitions({ attributes: [attribute({ values: [{ id: 1, name: "A", x: 1 }] as never })] }),
      ),
    ).toEqual(["attributes.0.values.0.x"]);
  });
});

describe("attribute translations", () => {
  const languages = (count: number) =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `l${String.fromCharCode(97 + (i % 26))}${i < 26 ? "" : "x"}`,
        "N",
      ]),
    );

  it("names a question, a group and an answer in other languages by language code", () => {
    const translated = attribute({
      translations: { fi: "Tavoite", sv: "Mål" },
      groups: [
        {
          id: 1,
          name: "Sports",
          translations: { fi: "Urheilu" },
          values: [{ id: 1, name: "Running", translations: { fi: "Juoksu" } }],
        },
      ],
      values: undefined,
    });
    expect(definitionsOk(translated)).toBe(true);
  });

  it("refuses codes that are not two or three lowercase letters, empty or long names, and too many languages", () => {
    expect(definitionsOk(attribute({ translations: { FI: "Tavoite" } }))).toBe(false);
    expect(definitionsOk(attribute({ translations: { "fi-FI": "Tavoite" } }))).toBe(false);
    expect(definitionsOk(attribute({ translations: { fi: "" } }))).toBe(false);
    expect(definitionsOk(attribute({ translations: { fi: "n".repeat(101) } }))).toBe(false);
    expect(definitionsOk(attribute({ translations: languages(ATTRIBUTE_LIMITS.translations) }))).toBe(true);
    expect(definitionsOk(attribute({ translations: languages(ATTRIBUTE_LIMITS.translations + 1) }))).toBe(
      false,
    );
  });
});

describe("AttributeAnswers", () => {
  it("maps decimal attribute ids to value ids", () => {
    expect(checkAnswers({}).ok).toBe(true);
    expect(checkAnswers({ "1": [1], "99999": [], "2": [3, 65535] }).ok).toBe(true);
  });

  it("refuses keys that are not canonical decimal ids", () => {
    for (const key of ["0", "01", "-1", "1.0", "abc", "", "123456", " 1"])
      expect(checkAnswers({ [key]: [1] }).ok, key).toBe(false);
  });

  it("refuses value ids out of range and lists that are too long", () => {
    expect(checkAnswers({ "1": [0] }).ok).toBe(false);
    expect(checkAnswers({ "1": [ATTRIBUTE_LIMITS.maxId + 1] }).ok).toBe(false);
    expect(checkAnswers({ "1": [1.5] }).ok).toBe(false);
    expect(checkAnswers({ "1": "1" }).ok).toBe(false);
    const ids = (count: number) => Array.from({ length: count }, (_, i) => i + 1);
    expect(checkAnswers({ "1": ids(ATTRIBUTE_LIMITS.valuesPerAttribute) }).ok).toBe(true);
    expect(checkAnswers({ "1": ids(ATTRIBUTE_LIMITS.valuesPerAttribute + 1) }).ok).toBe(false);
  });

  it("holds at most one answer per attribute of the limit", () => {
    const answers = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), [1]]));
    expect(checkAnswers(answers(ATTRIBUTE_LIMITS.attributes)).ok).toBe(true);
    expect(checkAnswers(answers(ATTRIBUTE_LIMITS.attributes + 1)).ok).toBe(false);
  });
});

describe("AttributeFilters", () => {
  it("accepts wanted with either mode and unwanted, and defaults the mode to or", () => {
    const filter = { attribute_id: 1, wanted: [1, 2], unwanted: [3] };
    expect(checkFilters([filter, { ...filter, attribute_id: 2, mode: "and" }]).ok).toBe(true);
    const withDefaults = { ...filter };
    expect(compileValidator(AttributeFilter, { useDefaults: true })(withDefaults).ok).toBe(true);
    expect(withDefaults).toEqual({ ...filter, mode: "or" });
  });

  it("refuses other modes, unknown keys, a missing attribute id and bad value ids", () => {
    expect(checkFilters([{ attribute_id: 1, wanted: [1], mode: "xor" }]).ok).toBe(false);
    expect(pathsOf(checkFilters([{ attribute_id: 1, wanted: [1], extra: 1 }]))).toEqual(["0.extra"]);
    expect(pathsOf(checkFilters([{ wanted: [1] }]))).toEqual(["0.attribute_id"]);
    expect(checkFilters([{ attribute_id: 0, wanted: [1] }]).ok).toBe(false);
    expect(checkFilters([{ attribute_id: 1, unwanted: [0] }]).ok).toBe(false);
  });

  it("holds at most the limit of filters", () => {
    const filters = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ attribute_id: i + 1, wanted: [1] }));
    expect(checkFilters(filters(ATTRIBUTE_LIMITS.filters)).ok).toBe(true);
    expect(checkFilters(filters(ATTRIBUTE_LIMITS.filters + 1)).ok).toBe(false);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ATTRIBUTE_LIMITS } from "@venus/model";
import { ConfigError, type SchemaIssue } from "@venus/simple-backend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_ATTRIBUTES_FILE,
  loadAttributeDefinitions,
  parseAttributeDefinitions,
} from "./load-attribute-definitions.js";

const values = (count: number, first = 1) =>
  Array.from({ length: count }, (_, i) => ({ id: first + i, name: `V${first + i}` }));
const single = (id: number, fields: object = {}) => ({
  id,
  key: `a${id}`,
  name: `A${id}`,
  kind: "single",
  values: values(3),
  ...fields,
});
const multiple = (id: number, fields: object = {}) => single(id, { kind: "multiple", ...fields });
const group = (id: number, groupValues: unknown[]) => ({ id, name: `G${id}`, values: groupValues });

function issuesOf(...attributes: unknown[]): SchemaIssue[] {
  const result = parseAttributeDefinitions({ attributes });
  return result.ok ? [] : result.issues;
}

describe("parseAttributeDefinitions", () => {
  it("accepts distinct ids and keys, and the same value ids in different attributes", () => {
    expect(issuesOf(single(1), multiple(2, { max_selected: 3 }), single(3))).toEqual([]);
  });

  it("names a duplicate attribute id and key with the first place", () => {
    expect(issuesOf(single(1), single(2), { ...single(1), key: "other" })).toEqual([
      { path: "attributes.2.id", message: "duplicate attribute id 1 (first at attributes.0.id)" },
    ]);
    expect(issuesOf(single(1), { ...single(2), key: "a1" })).toEqual([
      { path: "attributes.1.key", message: 'duplicate attribute key "a1" (first at attributes.0.key)' },
    ]);
  });

  it("names duplicate value ids in flat values and across groups, and duplicate group ids", () => {
    expect(issuesOf(single(1, { values: [...values(2), { id: 2, name: "again" }] }))).toEqual([
      {
        path: "attributes.0.values.2.id",
        message: "duplicate value id 2 (first at attributes.0.values.1.id)",
      },
    ]);
    const groups = [group(1, values(2)), group(2, values(2, 2))];
    expect(issuesOf(multiple(1, { values: undefined, groups }))).toEqual([
      {
        path: "attributes.0.groups.1.values.0.id",
        message: "duplicate value id 2 (first at attributes.0.groups.0.values.1.id)",
      },
    ]);
    expect(
      issuesOf(multiple(1, { values: undefined, groups: [group(7, values(1)), group(7, values(1, 2))] })),
    ).toEqual([
      {
        path: "attributes.0.groups.1.id",
        message: "duplicate group id 7 (first at attributes.0.groups.0.id)",
      },
    ]);
  });

  it("needs exactly one of values and groups", () => {
    expect(issuesOf(single(1, { values: undefined }))).toEqual([
      { path: "attributes.0", message: "needs either values or groups" },
    ]);
    expect(issuesOf(single(1, { groups: [group(1, values(1, 10))] }))).toEqual([
      { path: "attributes.0", message: "has both values and groups; use one of them" },
    ]);
  });

  it("takes max_selected only for multiple choice, up to the number of values", () => {
    expect(issuesOf(single(1, { max_selected: 1 }))).toEqual([
      { path: "attributes.0.max_selected", message: "only for kind multiple" },
    ]);
    expect(issuesOf(multiple(1, { max_selected: 3 }))).toEqual([]);
    expect(issuesOf(multiple(1, { max_selected: 4 }))).toEqual([
      { path: "attributes.0.max_selected", message: "is 4 but the attribute has only 3 values" },
    ]);
    const groups = [group(1, values(2)), group(2, values(2, 3))];
    expect(issuesOf(multiple(1, { values: undefined, groups, max_selected: 4 }))).toEqual([]);
    expect(issuesOf(multiple(1, { values: undefined, groups, max_selected: 5 }))).toHaveLength(1);
  });

  it("limits the values of one attribute across its groups", () => {
    const half = ATTRIBUTE_LIMITS.valuesPerAttribute / 2;
    const groups = (extra: number) => [group(1, values(half)), group(2, values(half + extra, half + 1))];
    expect(issuesOf(multiple(1, { values: undefined, groups: groups(0) }))).toEqual([]);
    expect(issuesOf(multiple(1, { values: undefined, groups: groups(1) }))).toEqual([
      { path: "attributes.0", message: `has 257 values; at most ${ATTRIBUTE_LIMITS.valuesPerAttribute}` },
    ]);
  });

  it("limits the values of all attributes together", () => {
    const perAttribute = ATTRIBUTE_LIMITS.valuesPerAttribute;
    const count = ATTRIBUTE_LIMITS.totalValues / perAttribute;
    const full = Array.from({ length: count }, (_, i) => single(i + 1, { values: values(perAttribute) }));
    expect(issuesOf(...full)).toEqual([]);
    expect(issuesOf(...full, single(count + 1, { values: values(1) }))).toEqual([
      { path: "attributes", message: `have 2049 values in total; at most ${ATTRIBUTE_LIMITS.totalValues}` },
    ]);
  });

  it("lists every rule problem at once, and only schema problems while the shape is wrong", () => {
    expect(issuesOf(single(1), single(1, { max_selected: 1, values: undefined })).map((i) => i.path)).toEqual(
      ["attributes.1.id", "attributes.1.key", "attributes.1", "attributes.1.max_selected"],
    );
    const paths = issuesOf(single(1), single(1, { kind: "any" })).map((i) => i.path);
    expect(new Set(paths)).toEqual(new Set(["attributes.1.kind"]));
  });
});

describe("loadAttributeDefinitions", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "venus-attributes-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (text: string) => {
    const path = join(dir, "attributes.toml");
    writeFileSync(path, text);
    return path;
  };
  const errorOf = (path: string): ConfigError => {
    try {
      loadAttributeDefinitions(path);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error("expected a ConfigError");
  };

  it("loads the embedded default, with stable ids", () => {
    const { attributes } = loadAttributeDefinitions();
    expect(attributes.map((a) => [a.id, a.key])).toEqual([
      [1, "relationship_goal"],
      [2, "interests"],
      [3, "smoking"],
      [4, "drinking"],
      [5, "children"],
      [6, "languages"],
      [7, "pets"],
    ]);
    const interests = attributes[1];
    expect(interests?.kind).toBe("multiple");
    expect(interests?.max_selected).toBe(5);
    expect(interests?.groups?.map((g) => g.name)).toContain("Sports");
    expect(loadAttributeDefinitions(DEFAULT_ATTRIBUTES_FILE)).toEqual({ attributes });
  });

  it("reads groups written as TOML arrays of tables", () => {
    const text = [
      "[[attributes]]",
      'id = 9\nkey = "hobby"\nname = "Hobby"\nkind = "multiple"\nmax_selected = 2',
      "[[attributes.groups]]",
      'id = 1\nname = "Outside"\nvalues = [{ id = 1, name = "Hiking" }, { id = 2, name = "Skiing" }]',
    ].join("\n");
    expect(loadAttributeDefinitions(file(text)).attributes[0]?.groups?.[0]?.values).toHaveLength(2);
  });

  it("names the file and every problem in the error", () => {
    const text = [
      "[[attributes]]",
      'id = 1\nkey = "a"\nname = "A"\nkind = "single"\nmax_selected = 1\nvalues = [{ id = 1, name = "X" }]',
      "[[attributes]]",
      'id = 1\nkey = "b"\nname = "B"\nkind = "single"',
    ].join("\n");
    const path = file(text);
    const error = errorOf(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain("  - attributes.0.max_selected: only for kind multiple");
    expect(error.message).toContain("  - attributes.1.id: duplicate attribute id 1");
    expect(error.message).toContain("  - attributes.1: needs either values or groups");
    expect(error.issues).toHaveLength(3);
  });

  it("reports a missing file and a file that is not TOML", () => {
    const missing = join(dir, "missing.toml");
    expect(errorOf(missing).message).toContain(missing);
    expect(errorOf(missing).issues[0]?.message).toMatch(/^cannot read file/);
    expect(errorOf(file("[[attributes]\n")).issues[0]?.message).toMatch(/^not valid TOML/);
    expect(errorOf(file("")).issues).toEqual([{ path: "attributes", message: "is required" }]);
  });
});

import type { AttributeDefinition } from "@venus/model";
import { describe, expect, it } from "vitest";
import { answered, localized } from "./catalogue.js";

const catalogue: AttributeDefinition[] = [
  {
    id: 1,
    key: "relationship_goal",
    name: "Looking for",
    translations: { fi: "Etsin" },
    kind: "single",
    values: [
      { id: 1, name: "Friendship", translations: { fi: "Ystävyyttä" } },
      { id: 2, name: "Not sure yet" },
    ],
  },
  {
    id: 2,
    key: "interests",
    name: "Interests",
    kind: "multiple",
    groups: [
      {
        id: 1,
        name: "Sports",
        translations: { fi: "Urheilu" },
        values: [{ id: 101, name: "Running", translations: { fi: "Juoksu" } }],
      },
    ],
  },
];

describe("the attribute catalogue in the page's language", () => {
  it("uses a translation where the catalogue has one and the catalogue's name elsewhere", () => {
    const finnish = localized(catalogue, "fi");
    expect(finnish.map((attribute) => attribute.name)).toEqual(["Etsin", "Interests"]);
    expect(finnish[0]?.values?.map((value) => value.name)).toEqual(["Ystävyyttä", "Not sure yet"]);
    expect(finnish[1]?.groups?.[0]).toMatchObject({ name: "Urheilu", values: [{ name: "Juoksu" }] });
    expect(localized(catalogue, "sv")[0]?.name).toBe("Looking for");
  });

  it("lists the answered questions with the chosen answers' names, in the catalogue's order", () => {
    const answers = { "2": [101], "1": [2], "9": [1] };
    expect(
      answered(localized(catalogue, "fi"), answers).map(({ attribute, names }) => [attribute.name, names]),
    ).toEqual([
      ["Etsin", ["Not sure yet"]],
      ["Interests", ["Juoksu"]],
    ]);
  });
});

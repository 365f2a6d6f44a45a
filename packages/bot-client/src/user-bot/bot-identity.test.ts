import type { BotsFile } from "@venus/model";
import { describe, expect, test } from "vitest";
import { chooseIdentity } from "./bot-identity.js";
import { seededRandom } from "./seeded-random.js";

const template = (overrides: Partial<BotsFile["profiles"][number]>): BotsFile["profiles"][number] => ({
  names: ["Aino"],
  texts: [""],
  age_min: 20,
  age_max: 50,
  genders: ["woman"],
  looking_for: ["man"],
  attributes: {},
  ...overrides,
});

const profiles: BotsFile["profiles"] = [
  template({ names: ["Aino", "Helmi", "Saara"], texts: ["walks", "books"], genders: ["woman"] }),
  template({ names: ["Eero", "Juho"], genders: ["man", "non_binary"], looking_for: ["woman", "woman"] }),
];

describe("chooseIdentity", () => {
  test("bot n uses template n mod the count; names, texts and genders go round among its bots", () => {
    const random = seededRandom(1);
    const ids = [0, 1, 2, 3, 4, 5, 6].map((index) => chooseIdentity(profiles, index, random));
    expect(ids.map((id) => id.template)).toEqual([0, 1, 0, 1, 0, 1, 0]);
    expect(ids.map((id) => id.name)).toEqual(["Aino", "Eero", "Helmi", "Juho", "Saara", "Eero", "Aino"]);
    expect(ids.map((id) => id.text)).toEqual(["walks", "", "books", "", "walks", "", "books"]);
    expect(ids.map((id) => id.gender)).toEqual([
      "woman",
      "man",
      "woman",
      "non_binary",
      "woman",
      "man",
      "woman",
    ]);
    expect(ids[1]?.lookingFor).toEqual(["woman"]);
  });

  test("the age is random within the template's range, whichever way round it is given", () => {
    const random = seededRandom(7);
    const ages = Array.from(
      { length: 500 },
      () => chooseIdentity([template({ age_min: 30, age_max: 25 })], 0, random).age,
    );
    expect(Math.min(...ages)).toBe(25);
    expect(Math.max(...ages)).toBe(30);
  });

  test("attributes come from the template; no templates is an error", () => {
    const withAttributes = [template({ attributes: { "1": [2], "2": [101, 102] } })];
    expect(chooseIdentity(withAttributes, 3, Math.random).attributes).toEqual({ "1": [2], "2": [101, 102] });
    expect(() => chooseIdentity([], 0, Math.random)).toThrow(/no profile templates/);
  });
});

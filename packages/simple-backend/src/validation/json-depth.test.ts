import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./json-depth.js";

describe("nestsDeeperThan", () => {
  it("counts arrays and objects, at the edge", () => {
    expect(nestsDeeperThan("[[[1]]]", 3)).toBe(false);
    expect(nestsDeeperThan("[[[[1]]]]", 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[{}]}}', 3)).toBe(true);
    expect(nestsDeeperThan("[[1],[2],[3]]", 2)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(nestsDeeperThan('["[[[[[[", "\\"[[[[[["]', 1)).toBe(false);
    expect(nestsDeeperThan('{"\\\\":[[1]]}', 2)).toBe(true);
  });

  it("handles text that is not JSON without failing", () => {
    expect(nestsDeeperThan("", 1)).toBe(false);
    expect(nestsDeeperThan("]]]]", 1)).toBe(false);
    expect(nestsDeeperThan("[".repeat(100_000), 64)).toBe(true);
  });
});

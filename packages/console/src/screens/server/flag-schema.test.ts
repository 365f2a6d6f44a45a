import { describe, expect, test } from "vitest";
import { describeType, parseFlag, type FlagSchema } from "./flag-schema.js";

const likes: FlagSchema = { type: "integer", minimum: 0, maximum: 1000 };
const version: FlagSchema = { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" };

describe("runtime flag values typed into the console", () => {
  test("an integer is taken at its bounds and refused just past them", () => {
    expect(parseFlag(likes, "0")).toBe(0);
    expect(parseFlag(likes, "1000")).toBe(1000);
    expect(() => parseFlag(likes, "-1")).toThrow("must be at least 0");
    expect(() => parseFlag(likes, "1001")).toThrow("must be at most 1000");
    expect(() => parseFlag(likes, "2.5")).toThrow("must be a whole number");
    expect(() => parseFlag(likes, " ")).toThrow("must be a number");
  });

  test("a string must match its pattern; a boolean is the checkbox", () => {
    expect(parseFlag(version, "1.2.3")).toBe("1.2.3");
    expect(() => parseFlag(version, "1.2")).toThrow("has the wrong format");
    expect(parseFlag({ type: "boolean" }, true)).toBe(true);
    expect(parseFlag({ type: "boolean" }, false)).toBe(false);
  });

  test("the type line names the range, and a long pattern only by its purpose", () => {
    expect(describeType(likes)).toBe("integer 0–1000");
    expect(describeType({ type: "integer", minimum: 1 })).toBe("integer 1–…");
    expect(describeType({ type: "string", pattern: "x".repeat(30) })).toBe("string (format checked)");
  });
});

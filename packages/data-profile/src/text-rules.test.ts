import { describe, expect, it } from "vitest";
import { TextRules } from "./text-rules.js";

const rules = (overrides: Partial<ConstructorParameters<typeof TextRules>[0]> = {}) =>
  new TextRules({
    name_max_bytes: 10,
    name_regex: "",
    text_max_bytes: 6,
    favorites_max: 100,
    moderation_page_size: 25,
    page_size: 25,
    daily_page_resets: 200,
    random_start_max_km: 20,
    daily_pages: 1000,
    attributes_file: "",
    location: { north: 70, south: 60, west: 20, east: 30, cell_km: 10 },
    ...overrides,
  });

describe("TextRules", () => {
  it("trims names and checks bytes at the edge, the capital letter and the regex", () => {
    expect(rules().name("  Ab  ")).toBe("Ab");
    expect(rules().name("Äääää")).toBe("Äääää"); // 10 bytes
    expect(() => rules().name("Ääääää")).toThrow(/at most 10 bytes/);
    expect(() => rules().name("alex")).toThrow(/uppercase/);
    expect(() => rules().name("   ")).toThrow(/empty/);
    expect(() => rules({ name_regex: "^[A-Z][a-z]+$" }).name("Al3x")).toThrow(/pattern/);
    expect(rules({ name_regex: "^[A-Z][a-z]+$" }).name("Alex")).toBe("Alex");
  });

  it("trims texts and checks bytes at the edge", () => {
    expect(rules().text(" abcdef ")).toBe("abcdef");
    expect(() => rules().text("abcdefg")).toThrow(/at most 6 bytes/);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { candidates, format, loadTranslator, type Messages } from "./i18n.js";

const dir = new URL("../../public/messages/", import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith(".json"));
const read = (name: string): Messages => JSON.parse(readFileSync(new URL(name, dir), "utf8")) as Messages;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message files", () => {
  const english = read("en.json");

  it.each(files)("%s has every English key with the same placeholders, and no other", (name) => {
    const messages = read(name);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english))
      expect([key, placeholders(messages[key] ?? "")]).toEqual([key, placeholders(text)]);
  });

  it("covers every key the app's source asks for", () => {
    const source = new URL("../", import.meta.url);
    const keys = new Set<string>();
    for (const entry of readdirSync(source, { recursive: true, encoding: "utf8" }))
      if (/\.tsx?$/.test(entry) && !entry.endsWith(".test.ts"))
        for (const match of readFileSync(new URL(entry, source), "utf8").matchAll(/\bt\("([a-z_.]+)"/g))
          keys.add(match[1] as string);
    expect([...keys].filter((key) => !(key in english))).toEqual([]);
  });
});

describe("the loader", () => {
  it("tries the browser's languages in order, then English", () => {
    expect(candidates(["fi-FI", "sv", "fi", "en-US"])).toEqual(["fi", "sv", "en"]);
    expect(candidates(["../../etc"])).toEqual(["en"]);
  });

  it("uses the first file that exists, English beneath it", async () => {
    const served: Record<string, Messages> = {
      "/messages/en.json": { hello: "Hello {name}", only_en: "English" },
      "/messages/fi.json": { hello: "Hei {name}" },
    };
    const translator = await loadTranslator(["de", "fi-FI"], async (url) => served[url]);
    expect(translator.language).toBe("fi");
    expect(translator.t("hello", { name: "Aino" })).toBe("Hei Aino");
    expect(translator.t("only_en")).toBe("English");
    expect(format("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});

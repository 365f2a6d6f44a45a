import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@venus/simple-backend";
import { describe, expect, test } from "vitest";
import { DomainRules, readDomainFile } from "./domain-rules.js";

function codeOf(rules: DomainRules, email: string): string | undefined {
  try {
    rules.check(email);
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe("email domain rules", () => {
  test("a listed domain covers its subdomains, not look-alike domains", () => {
    const rules = new DomainRules({ allow: [], block: ["bad.example"], disposable: ["temp.example"] });
    expect(codeOf(rules, "a@bad.example")).toBe("email_domain_not_allowed");
    expect(codeOf(rules, "a@mx.bad.example")).toBe("email_domain_not_allowed");
    expect(codeOf(rules, "a@notbad.example")).toBeUndefined();
    expect(codeOf(rules, "a@temp.example")).toBe("disposable_email");
    expect(codeOf(rules, "a@other.example")).toBeUndefined();
  });

  test("with an allow list only its domains pass, and the block list still wins inside it", () => {
    const rules = new DomainRules({ allow: ["uni.example"], block: ["old.uni.example"], disposable: [] });
    expect(codeOf(rules, "a@uni.example")).toBeUndefined();
    expect(codeOf(rules, "a@cs.uni.example")).toBeUndefined();
    expect(codeOf(rules, "a@old.uni.example")).toBe("email_domain_not_allowed");
    expect(codeOf(rules, "a@example")).toBe("email_domain_not_allowed");
  });

  test("a list file: comments and blank lines skipped, case folded; a bad line is a config error", () => {
    const dir = mkdtempSync(join(tmpdir(), "venus-domains-"));
    const good = join(dir, "good.txt");
    writeFileSync(good, "# disposable\nTemp.Example\n\n  other.example  # note\n");
    expect(readDomainFile("k", good)).toEqual(["temp.example", "other.example"]);
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, "ok.example\nnot a domain\n");
    expect(() => readDomainFile("k", bad)).toThrow(ConfigError);
    expect(() => readDomainFile("k", join(dir, "missing.txt"))).toThrow(/cannot read/);
    expect(readDomainFile("k", "")).toEqual([]);
  });
});

import { Type } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import { compileValidator, formatIssues } from "./schema-validator.js";

const Person = Type.Object(
  {
    email: Type.String({ format: "email" }),
    birthdate: Type.String({ format: "date" }),
    id: Type.String({ format: "uuid" }),
    age: Type.Integer({ minimum: 18 }),
    address: Type.Object({ city: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
    nickname: Type.Optional(Type.String({ default: "friend" })),
  },
  { additionalProperties: false },
);

const valid = () => ({
  email: "ann@example.com",
  birthdate: "2000-02-29",
  id: "6f1c2a7e-3b4d-4c5e-8f90-123456789abc",
  age: 30,
  address: { city: "Oulu" },
});

describe("compileValidator", () => {
  it("accepts a valid value and returns it", () => {
    const check = compileValidator(Person);
    const value = valid();
    const result = check(value);
    expect(result).toEqual({ ok: true, value });
    expect(result.ok && result.value).toBe(value);
  });

  it("names an unknown key with its dotted path", () => {
    const result = compileValidator(Person)({
      ...valid(),
      extra: 1,
      address: { city: "Oulu", zip: "90100" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(2);
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: "address.zip", message: "unknown key" },
        { path: "extra", message: "unknown key" },
      ]),
    );
  });

  it("names missing keys and wrong types, all at once", () => {
    const { email: _email, ...rest } = valid();
    const result = compileValidator(Person)({
      ...rest,
      age: "thirty",
      address: { city: "" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: "email", message: "is required" },
        { path: "age", message: "must be integer" },
        {
          path: "address.city",
          message: "must NOT have fewer than 1 characters",
        },
      ]),
    );
    expect(result.issues).toHaveLength(3);
  });

  it("checks formats: email, date and uuid", () => {
    const check = compileValidator(Person);
    for (const [key, bad] of [
      ["email", "not-an-email"],
      ["birthdate", "2001-02-29"],
      ["birthdate", "2000-1-1"],
      ["id", "1234"],
    ] as const) {
      const result = check({ ...valid(), [key]: bad });
      expect(result, `${key}=${bad}`).toEqual({
        ok: false,
        issues: [{ path: key, message: expect.stringMatching(/format/) }],
      });
    }
  });

  it("fills defaults only when asked to", () => {
    const plain = valid();
    expect(compileValidator(Person)(plain).ok).toBe(true);
    expect(plain).not.toHaveProperty("nickname");
    const filled = valid();
    expect(compileValidator(Person, { useDefaults: true })(filled)).toEqual({
      ok: true,
      value: { ...valid(), nickname: "friend" },
    });
  });

  it("reports an issue at the root with an empty path", () => {
    expect(compileValidator(Person)("text")).toEqual({
      ok: false,
      issues: [{ path: "", message: "must be object" }],
    });
  });

  it("does not repeat the same issue", () => {
    const Choice = Type.Object({
      level: Type.Union([Type.Literal("a"), Type.Literal("b")]),
    });
    const result = compileValidator(Choice)({ level: "c" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const keys = result.issues.map((i) => `${i.path}:${i.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.issues.every((i) => i.path === "level")).toBe(true);
  });
});

describe("formatIssues", () => {
  it("joins path and message, leaving out an empty path", () => {
    expect(
      formatIssues([
        { path: "a.b", message: "unknown key" },
        { path: "", message: "must be object" },
      ]),
    ).toBe("a.b: unknown key; must be object");
  });
});

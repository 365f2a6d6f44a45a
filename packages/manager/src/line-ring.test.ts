import { describe, expect, it } from "vitest";
import { LineRing } from "./line-ring.js";

const line = (text: string) => ({ time: 0, stream: "stdout" as const, text });
const texts = (ring: LineRing, count: number) => ring.last(count).map((kept) => kept.text);

describe("LineRing", () => {
  it("returns the last lines, oldest first, before it is full", () => {
    const ring = new LineRing(5);
    for (const text of ["a", "b", "c"]) ring.push(line(text));
    expect(texts(ring, 2)).toEqual(["b", "c"]);
    expect(texts(ring, 10)).toEqual(["a", "b", "c"]);
    expect(texts(ring, 0)).toEqual([]);
  });

  it("keeps only the last `capacity` lines once it wraps", () => {
    const ring = new LineRing(3);
    for (const text of ["a", "b", "c", "d", "e"]) ring.push(line(text));
    expect(ring.size).toBe(3);
    expect(texts(ring, 3)).toEqual(["c", "d", "e"]);
    expect(texts(ring, 2)).toEqual(["d", "e"]);
    expect(texts(ring, 99)).toEqual(["c", "d", "e"]);
  });

  it("cuts very long lines", () => {
    const ring = new LineRing(1);
    ring.push(line("x".repeat(100_000)));
    expect(texts(ring, 1)[0]?.length).toBe(16 * 1024 + 1);
  });

  it("refuses a capacity below one", () => {
    expect(() => new LineRing(0)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";
import { AttributeSlab } from "./attribute-slab.js";

describe("AttributeSlab", () => {
  it("hands out slots, keeps their words when it grows, and reuses released slots cleared", () => {
    const slab = new AttributeSlab(3, 2);
    const slots = Array.from({ length: 5 }, () => slab.allocate());
    expect(slots).toEqual([0, 1, 2, 3, 4]);
    slots.forEach((slot) => slab.words.fill(slot + 1, slab.offset(slot), slab.offset(slot) + 3));
    const after = slab.allocate();
    expect(after).toBe(5);
    expect([...slab.words.subarray(0, 15)]).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
    slab.release(1);
    expect([...slab.words.subarray(3, 6)]).toEqual([0, 0, 0]);
    expect(slab.allocate()).toBe(1);
  });

  it("keeps each slot's doubles when it grows, and clears them on release", () => {
    const slab = new AttributeSlab(1, 1, 2);
    const slots = Array.from({ length: 3 }, () => slab.allocate());
    slots.forEach((slot) => slab.doubles.fill(slot + 0.5, slot * 2, slot * 2 + 2));
    slab.allocate();
    expect([...slab.doubles.subarray(0, 6)]).toEqual([0.5, 0.5, 1.5, 1.5, 2.5, 2.5]);
    slab.release(1);
    expect([...slab.doubles.subarray(2, 4)]).toEqual([0, 0]);
  });

  it("works with no attributes at all (stride 0)", () => {
    const slab = new AttributeSlab(0);
    expect([slab.allocate(), slab.allocate()]).toEqual([0, 1]);
    expect(slab.offset(1)).toBe(0);
  });
});

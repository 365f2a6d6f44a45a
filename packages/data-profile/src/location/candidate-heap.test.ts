import { describe, expect, it } from "vitest";
import { CandidateHeap } from "./candidate-heap.js";
import { seededRandom } from "./seeded-random.js";

describe("CandidateHeap", () => {
  it("pops items in ascending key order, with pushes in between", () => {
    const heap = new CandidateHeap<number>();
    const reference: number[] = [];
    const popped: number[] = [];
    const random = seededRandom(12345);
    const next = () => Math.floor(random() * 1000);
    for (let round = 0; round < 2000; round++) {
      if (next() < 600) {
        const key = next();
        heap.push(key, key);
        reference.push(key);
      } else if (heap.size > 0) {
        const key = heap.peekKey();
        expect(heap.pop()).toBe(key);
        expect(key).toBe(Math.min(...reference));
        reference.splice(reference.indexOf(key), 1);
        popped.push(key);
      }
      expect(heap.size).toBe(reference.length);
    }
    expect(popped.length).toBeGreaterThan(100);
  });

  it("is empty with key Infinity", () => {
    const heap = new CandidateHeap<string>();
    expect(heap.peekKey()).toBe(Infinity);
    expect(heap.pop()).toBeUndefined();
    heap.push(1, "a");
    expect(heap.pop()).toBe("a");
    expect(heap.size).toBe(0);
  });
});

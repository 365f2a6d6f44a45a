import { describe, expect, test } from "vitest";
import { chooseToLike } from "./choose-likes.js";

const page = (...ids: string[]) => ids.map((account_id) => ({ account_id }));
const never = () => false;

describe("chooseToLike", () => {
  test("one or two, nearest (first) first", () => {
    expect(chooseToLike(page("a", "b", "c"), never, () => 0)).toEqual(["a"]);
    expect(chooseToLike(page("a", "b", "c"), never, () => 0.99)).toEqual(["a", "b"]);
  });

  test("skips what it has liked (and itself) and repeats", () => {
    const liked = new Set(["a", "c"]);
    expect(
      chooseToLike(
        page("a", "b", "b", "c", "d"),
        (id) => liked.has(id),
        () => 0.99,
      ),
    ).toEqual(["b", "d"]);
    expect(
      chooseToLike(
        page("a", "c"),
        (id) => liked.has(id),
        () => 0.99,
      ),
    ).toEqual([]);
    expect(chooseToLike([], never, () => 0.5)).toEqual([]);
  });
});

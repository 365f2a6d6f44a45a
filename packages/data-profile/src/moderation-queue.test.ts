import { describe, expect, it } from "vitest";
import { ModerationQueue } from "./moderation-queue.js";

describe("ModerationQueue", () => {
  const item = (accountId: string, changedAt: number, field: "name" | "text" = "name") => ({
    accountId,
    field,
    changedAt,
  });

  it("pages oldest first and continues after the cursor even when items were decided meanwhile", () => {
    const queue = new ModerationQueue();
    for (const [id, at] of [
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
      ["e", 5],
    ] as const)
      queue.add(item(id, at));
    const first = queue.page(undefined, 2);
    expect(first.items.map((i) => i.accountId)).toEqual(["a", "b"]);
    queue.remove("b", "name");
    queue.remove("a", "name");
    const second = queue.page(first.next ?? undefined, 2);
    expect(second.items.map((i) => i.accountId)).toEqual(["c", "d"]);
    const last = queue.page(second.next ?? undefined, 2);
    expect(last.items.map((i) => i.accountId)).toEqual(["e"]);
    expect(last.next).toBeNull();
  });

  it("a new edit of a pending field moves it to the end; name and text are separate items", () => {
    const queue = new ModerationQueue();
    queue.add(item("a", 1));
    queue.add(item("a", 2, "text"));
    queue.add(item("b", 3));
    queue.add(item("a", 4));
    expect(queue.page(undefined, 10).items.map((i) => `${i.accountId}/${i.field}`)).toEqual([
      "a/text",
      "b/name",
      "a/name",
    ]);
    expect(queue.size).toBe(3);
    expect(queue.has("a", "name")).toBe(true);
  });
});

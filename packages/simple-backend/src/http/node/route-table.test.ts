import { describe, expect, it } from "vitest";
import { RouteTable } from "./route-table.js";

describe("RouteTable", () => {
  const table = new RouteTable<string>();
  for (const pattern of [
    "/profile/:id",
    "/profile/attributes",
    "/media/content/:account/:content",
    "/manager/*",
    "/",
  ])
    table.add(pattern, pattern);

  it("matches parameters in order, still encoded", () => {
    expect(table.match("/profile/a%20b")).toEqual({ value: "/profile/:id", params: ["a%20b"] });
    expect(table.match("/media/content/1/2")).toEqual({
      value: "/media/content/:account/:content",
      params: ["1", "2"],
    });
  });

  it("prefers a static segment to a parameter", () => {
    expect(table.match("/profile/attributes")).toEqual({ value: "/profile/attributes", params: [] });
  });

  it("lets * take the rest of the path, one segment or more", () => {
    expect(table.match("/manager/a/b/c")?.value).toBe("/manager/*");
    expect(table.match("/manager")).toBeUndefined();
  });

  it("matches whole paths only", () => {
    expect(table.match("/profile")).toBeUndefined();
    expect(table.match("/profile/1/2")).toBeUndefined();
    expect(table.match("/media/content/1")).toBeUndefined();
    expect(table.match("/")?.value).toBe("/");
  });
});

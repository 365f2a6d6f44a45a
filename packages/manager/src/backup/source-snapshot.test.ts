import { describe, expect, test } from "vitest";
import { databaseOrder } from "./source-snapshot.js";

describe("databaseOrder", () => {
  test("dependents first, other databases alphabetically, accounts last; other files left out", () => {
    expect(
      databaseOrder([
        "account.sqlite",
        "bots.json",
        "history.sqlite",
        "chat.sqlite",
        "audit.sqlite",
        "profile.sqlite",
        "media.sqlite",
      ]),
    ).toEqual([
      "chat.sqlite",
      "media.sqlite",
      "profile.sqlite",
      "audit.sqlite",
      "history.sqlite",
      "account.sqlite",
    ]);
    expect(databaseOrder(["profile.sqlite"])).toEqual(["profile.sqlite"]);
  });
});

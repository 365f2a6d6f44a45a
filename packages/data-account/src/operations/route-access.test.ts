import { describe, expect, it } from "vitest";
import { newAccount, type Account } from "../cache/account-entity.js";
import { requireRouteOpen } from "./route-access.js";

const account = (state: Account["state"]): Account => ({
  ...newAccount({
    id: "a",
    email: "a@example.com",
    passwordHash: "",
    permissions: new Set(),
    createdAt: 0,
    bot: false,
  }),
  state,
});

describe("requireRouteOpen", () => {
  it("leaves a banned account its own /account/ routes only", () => {
    const banned = account("banned");
    expect(() => requireRouteOpen(banned, "/account/state")).not.toThrow();
    expect(() => requireRouteOpen(banned, "/account/logout")).not.toThrow();
    for (const path of ["/profile/me", "/chat/messages", "/admin/accounts/:account_id", "/accounts"])
      expect(() => requireRouteOpen(banned, path)).toThrow(
        expect.objectContaining({ code: "account_banned" }),
      );
  });

  it("leaves an account to be deleted its own /account/ routes only", () => {
    const leaving = account("pending_deletion");
    for (const path of ["/account/state", "/account/delete/cancel", "/account/export"])
      expect(() => requireRouteOpen(leaving, path)).not.toThrow();
    for (const path of ["/profile/me", "/chat/messages", "/admin/accounts/:account_id"])
      expect(() => requireRouteOpen(leaving, path)).toThrow(
        expect.objectContaining({ code: "account_pending_deletion" }),
      );
  });

  it("keeps every route open in the other states", () => {
    for (const state of ["initial_setup", "normal"] as const)
      expect(() => requireRouteOpen(account(state), "/profile/me")).not.toThrow();
  });
});

import { Type } from "@sinclair/typebox";
import type { OpenApiRoute } from "@venus/simple-backend";
import { describe, expect, it } from "vitest";
import { routeErrors } from "./route-errors.js";

const route = (extra: Partial<OpenApiRoute>): OpenApiRoute => ({
  method: "get",
  path: "/profile/me",
  summary: "",
  tag: "profile",
  auth: false,
  responses: {},
  ...extra,
});

describe("routeErrors", () => {
  it("gives every route internal_error and shutting_down, and a public GET nothing more", () => {
    expect(routeErrors(route({}), ["not_found"])).toEqual(["internal_error", "shutting_down", "not_found"]);
  });

  it("adds the request boundary's codes: path, body, query and body size", () => {
    const codes = routeErrors(route({ method: "post", path: "/chat/x/:id", body: Type.Object({}) }));
    expect(codes).toEqual(
      expect.arrayContaining(["invalid_path", "invalid_json", "validation_failed", "payload_too_large"]),
    );
    expect(routeErrors(route({ query: { n: { description: "", schema: Type.Integer() } } }))).toContain(
      "validation_failed",
    );
  });

  it("adds sign-in for user routes, the account state outside /account/… and forbidden with a permission", () => {
    const user = routeErrors(route({ auth: true, permission: "ban", path: "/admin/x" }));
    expect(user).toEqual(
      expect.arrayContaining([
        "invalid_token",
        "websocket_required",
        "account_banned",
        "account_pending_deletion",
        "forbidden",
      ]),
    );
    expect(routeErrors(route({ auth: true, path: "/account/state" }))).not.toContain("account_banned");
  });

  it("refuses a route that lists a code it has by rule", () => {
    expect(() => routeErrors(route({ auth: true }), ["websocket_required"])).toThrow(
      "get /profile/me lists websocket_required, which its kind of route has by rule",
    );
  });
});

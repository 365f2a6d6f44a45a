import { randomUUID } from "node:crypto";
import { PERMISSIONS, type Permission } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { adminWith } from "../testing/admin-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { request } from "../testing/http-client.js";
import { createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";

// Every admin route the OpenAPI document lists, read from the running server: refused to an account
// holding every permission but the one the route names, and let through with only that one. New
// admin routes are covered without touching this file.

const ROOT_EMAIL = "permissions-root@example.com";
const fixture = useServer({
  config: { admin: { grant_email: ROOT_EMAIL }, rate_limits: GENEROUS_RATE_LIMITS },
});

interface Operation {
  method: string;
  path: string;
  permission: Permission;
}

let root: ProfileUser;
let operations: Operation[];

beforeAll(async () => {
  root = await createProfileUser(fixture.server, { email: ROOT_EMAIL, name: "Root" });
  const document = await request<{ paths: Record<string, Record<string, Record<string, unknown>>> }>(
    fixture.server.url,
    "GET",
    "/openapi.json",
  );
  operations = Object.entries(document.body.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, operation]) => {
      const permission = operation["x-required-permission"] as Permission | undefined;
      return permission === undefined ? [] : [{ method: method.toUpperCase(), path, permission }];
    }),
  );
});

/** The path with every `{parameter}` filled in: an id nothing has, so no call changes real data. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());

describe("every admin route needs its own permission", () => {
  test("the document names a permission for each /admin route, and only known ones", () => {
    const adminPaths = operations.map((operation) => operation.path);
    expect(adminPaths.length).toBeGreaterThan(20);
    expect(adminPaths.every((path) => path.startsWith("/admin/"))).toBe(true);
    for (const { permission } of operations) expect(PERMISSIONS).toContain(permission);
  });

  test("refused with every other permission, let through with just that one", async () => {
    /** Per permission: tokens of an admin with every other permission, and of one with only it. */
    const holders = new Map<Permission, { without: string; only: string }>();
    for (const permission of new Set(operations.map((operation) => operation.permission))) {
      const others = PERMISSIONS.filter((name) => name !== permission);
      holders.set(permission, {
        without: (await adminWith(fixture.server, root, others)).accessToken,
        only: (await adminWith(fixture.server, root, [permission])).accessToken,
      });
    }
    for (const operation of operations) {
      const { without, only } = holders.get(operation.permission) as { without: string; only: string };
      const path = concrete(operation.path);
      const body = operation.method === "GET" ? {} : { body: {} };
      const refused = await request(fixture.server.url, operation.method, path, { token: without, ...body });
      expect(refused.status, `${operation.method} ${operation.path} without ${operation.permission}`).toBe(
        403,
      );
      expect(refused.body).toMatchObject({ error: { code: "forbidden" } });
      const allowed = await request(fixture.server.url, operation.method, path, { token: only, ...body });
      expect(allowed.status, `${operation.method} ${operation.path} with ${operation.permission}`).not.toBe(
        403,
      );
      expect(allowed.status).not.toBe(401);
    }
  });
});

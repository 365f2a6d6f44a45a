import { describe, expect, it } from "vitest";
import { REDACTED, auditRow, auditTarget, redactSecrets, type AdminAction } from "./audit-entry.js";

const ADMIN = "00000000-0000-4000-8000-000000000001";
const TARGET = "00000000-0000-4000-8000-000000000002";

const action = (fields: Partial<AdminAction>): AdminAction => ({
  adminId: ADMIN,
  method: "post",
  pathPattern: "/admin/flags/:name",
  path: "/admin/flags/registration_enabled",
  params: ["registration_enabled"],
  query: "",
  body: undefined,
  ...fields,
});

describe("redactSecrets", () => {
  it("replaces secret-looking keys at any depth and keeps everything else", () => {
    expect(
      redactSecrets({
        password: "p",
        nested: [{ api_key: "k", apiKey: "k", key: "k", refresh_token: "t", keep: 1 }],
        secret_note: "s",
        public: { monkey: "not a key" },
        list: [1, "two", null],
      }),
    ).toEqual({
      password: REDACTED,
      nested: [{ api_key: REDACTED, apiKey: REDACTED, key: REDACTED, refresh_token: REDACTED, keep: 1 }],
      secret_note: REDACTED,
      public: { monkey: "not a key" },
      list: [1, "two", null],
    });
    expect(redactSecrets("plain")).toBe("plain");
  });
});

describe("auditTarget", () => {
  it("takes the :account_id path parameter, in the pattern's order", () => {
    expect(
      auditTarget({ pathPattern: "/admin/x/:other/:account_id/y", params: ["o", TARGET], body: undefined }),
    ).toBe(TARGET);
  });

  it("else the body's account_id, else none", () => {
    expect(auditTarget({ pathPattern: "/admin/m", params: [], body: { account_id: TARGET } })).toBe(TARGET);
    expect(auditTarget({ pathPattern: "/admin/m", params: [], body: { account_id: 5 } })).toBeNull();
    expect(auditTarget({ pathPattern: "/admin/m", params: [], body: null })).toBeNull();
    expect(auditTarget({ pathPattern: "/admin/flags/:name", params: ["f"], body: undefined })).toBeNull();
  });
});

describe("auditRow", () => {
  it("names the action by method and pattern and keeps path, query and body without secrets", () => {
    const row = auditRow(
      action({
        method: "put",
        pathPattern: "/admin/manager/*",
        path: "/admin/manager/backup",
        query: "key=s3cret&lines=10",
        body: { account_id: TARGET, api_key: "k", reason: "spam" },
      }),
      1234,
    );
    expect(row).toEqual({
      at: 1234,
      admin_id: ADMIN,
      action: "PUT /admin/manager/*",
      target_id: TARGET,
      details: expect.any(String),
    });
    expect(JSON.parse(row.details)).toEqual({
      path: "/admin/manager/backup",
      query: { key: REDACTED, lines: "10" },
      body: { account_id: TARGET, api_key: REDACTED, reason: "spam" },
    });
  });

  it("leaves out an empty query and a missing body", () => {
    expect(JSON.parse(auditRow(action({}), 1).details)).toEqual({
      path: "/admin/flags/registration_enabled",
    });
  });
});

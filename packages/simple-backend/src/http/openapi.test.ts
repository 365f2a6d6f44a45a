import { Type } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import { buildOpenApi, type OpenApiRoute } from "./openapi.js";

const info = { title: "Venus", version: "1.2.3", description: "Dating." };
const Body = Type.Object({ email: Type.String() });
const Reply = Type.Object({ ok: Type.Boolean() });

type Operation = {
  summary: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean }[];
  security?: unknown;
  requestBody?: {
    required: boolean;
    content: { "application/json": { schema: unknown } };
  };
  responses: Record<
    string,
    {
      description: string;
      content?: { "application/json": { schema: unknown } };
    }
  >;
};
type Doc = {
  openapi: string;
  info: typeof info;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

const routes: OpenApiRoute[] = [
  {
    method: "post",
    path: "/account/register",
    summary: "Register",
    tag: "account",
    auth: false,
    body: Body,
    responses: {
      201: { description: "created", schema: Reply },
      409: { description: "email taken" },
    },
  },
  {
    method: "get",
    path: "/profile/:account_id/images/:image2_id",
    summary: "Image",
    tag: "profile",
    auth: true,
    responses: { 200: { description: "the image" } },
  },
  {
    method: "delete",
    path: "/profile/:account_id/images/:image2_id",
    summary: "Delete image",
    tag: "profile",
    auth: true,
    responses: { 204: { description: "deleted" } },
  },
];

describe("buildOpenApi", () => {
  const doc = buildOpenApi(info, routes) as Doc;

  it("is an OpenAPI 3.1 document with the info and a bearer scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual(info);
    expect(doc.components.securitySchemes).toEqual({
      bearer: { type: "http", scheme: "bearer" },
    });
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/account/register",
      "/profile/{account_id}/images/{image2_id}",
    ]);
  });

  it("describes a body route with the very schemas it validates with", () => {
    const op = doc.paths["/account/register"]?.post as Operation;
    expect(op.summary).toBe("Register");
    expect(op.tags).toEqual(["account"]);
    expect(op).not.toHaveProperty("security");
    expect(op).not.toHaveProperty("parameters");
    expect(op.requestBody?.required).toBe(true);
    expect(op.requestBody?.content["application/json"].schema).toBe(Body);
    expect(op.responses["201"]?.content?.["application/json"].schema).toBe(Reply);
    expect(op.responses["409"]).toEqual({ description: "email taken" });
  });

  it("turns :params into {params}, lists them, and merges methods on one path", () => {
    const item = doc.paths["/profile/{account_id}/images/{image2_id}"];
    expect(Object.keys(item ?? {}).sort()).toEqual(["delete", "get"]);
    const op = item?.get as Operation;
    expect(op.parameters).toEqual([
      {
        name: "account_id",
        in: "path",
        required: true,
        schema: { type: "string" },
      },
      {
        name: "image2_id",
        in: "path",
        required: true,
        schema: { type: "string" },
      },
    ]);
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(op).not.toHaveProperty("requestBody");
    expect(item?.delete?.responses).toEqual({
      "204": { description: "deleted" },
    });
  });

  it("serializes the schemas as plain JSON Schema", () => {
    const json = JSON.parse(JSON.stringify(doc)) as Doc;
    const op = json.paths["/account/register"]?.post as Operation;
    expect(op.requestBody?.content["application/json"].schema).toEqual({
      type: "object",
      properties: { email: { type: "string" } },
      required: ["email"],
    });
  });
});

describe("query parameters", () => {
  it("are listed as optional query parameters after the path parameters", () => {
    const doc = buildOpenApi(info, [
      {
        method: "get",
        path: "/profile/:account_id",
        summary: "Profile",
        tag: "profile",
        auth: true,
        query: { version: { description: "cached version", schema: Type.Integer() } },
        responses: { 200: { description: "ok" } },
      },
    ]) as Doc;
    expect(doc.paths["/profile/{account_id}"]?.get?.parameters).toEqual([
      { name: "account_id", in: "path", required: true, schema: { type: "string" } },
      {
        name: "version",
        in: "query",
        required: false,
        description: "cached version",
        schema: Type.Integer(),
      },
    ]);
  });
});

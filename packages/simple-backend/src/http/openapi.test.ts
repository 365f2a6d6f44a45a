import { Type } from "@sinclair/typebox";
import { describe, expect, it } from "vitest";
import { buildOpenApi, type OpenApiOptions, type OpenApiRoute } from "./openapi.js";

const Email = Type.String({ format: "email" });
const Body = Type.Object({ email: Email, nick: Type.Optional(Type.String()) });
const Reply = Type.Object({ ok: Type.Boolean() });
const Retry = Type.Object({ retry_after_seconds: Type.Integer() });

const options: OpenApiOptions = {
  info: {
    title: "Venus",
    version: "1.2.3",
    description: "Dating.",
    license: { name: "MIT", identifier: "MIT" },
  },
  servers: [{ url: "/", description: "here" }],
  tags: { account: "Accounts", profile: "Profiles" },
  schemaNames: new Map<object, string>([
    [Body, "RegisterRequest"],
    [Reply, "Reply"],
    [Email, "Email"],
    [Retry, "RetryDetails"],
  ]),
  errors: {
    email_taken: { status: 409, message: "taken" },
    invalid_json: { status: 400, message: "not JSON" },
    rate_limited: { status: 429, message: "slow down", details: Retry },
    busy: { status: 503, message: "busy", details: Retry },
    invalid_token: { status: 401, message: "bad token" },
  },
};

const routes: OpenApiRoute[] = [
  {
    method: "post",
    path: "/account/register",
    summary: "Register",
    tag: "account",
    auth: false,
    body: Body,
    responses: { 201: { description: "created", schema: Reply } },
    errors: ["invalid_json", "email_taken", "rate_limited"],
  },
  {
    method: "get",
    path: "/profile/:account_id/images/:image2_id",
    summary: "Image",
    tag: "profile",
    auth: true,
    query: { size: { description: "pixels", schema: Type.Integer() } },
    responses: {
      200: { description: "the image" },
      503: { description: "html busy", contentType: "text/html" },
    },
    errors: ["invalid_token", "busy"],
  },
];

// `any`: the parsed document is read by path; the assertions are what check its shape.
type Json = Record<string, any>;
const doc = JSON.parse(JSON.stringify(buildOpenApi(options, routes))) as Json;
const register = doc.paths["/account/register"].post as Json;
const image = doc.paths["/profile/{account_id}/images/{image2_id}"].get as Json;

describe("buildOpenApi", () => {
  it("is an OpenAPI 3.1 document with info, servers, tags and a bearer scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual(options.info);
    expect(doc.servers).toEqual(options.servers);
    expect(doc.tags).toEqual([
      { name: "account", description: "Accounts" },
      { name: "profile", description: "Profiles" },
    ]);
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: "http", scheme: "bearer" } });
  });

  it("gives each operation an id from its method and path, and public ones an empty security", () => {
    expect(register.operationId).toBe("postAccountRegister");
    expect(register.security).toEqual([]);
    expect(image.operationId).toBe("getProfileByAccountIdImagesByImage2Id");
    expect(image.security).toEqual([{ bearer: [] }]);
  });

  it("puts named schemas in components and refers to them, also where Type.Optional copied one", () => {
    expect(register.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/RegisterRequest",
    });
    expect(doc.components.schemas.RegisterRequest.properties.email).toEqual({
      $ref: "#/components/schemas/Email",
    });
    expect(doc.components.schemas.Email).toEqual({ type: "string", format: "email" });
    expect(register.responses["201"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Reply",
    });
  });

  it("declares one response per error status, its codes as an enum and the details they carry", () => {
    expect(Object.keys(register.responses)).toEqual(["201", "400", "409", "429"]);
    const limited = register.responses["429"].content["application/json"].schema;
    expect(limited.properties.error.properties.code).toEqual({ type: "string", enum: ["rate_limited"] });
    expect(limited.properties.error.properties.details.$ref).toBe("#/components/schemas/RetryDetails");
    expect(
      register.responses["409"].content["application/json"].schema.properties.error.properties,
    ).not.toHaveProperty("details");
    expect(register.responses["409"].description).toBe("- `email_taken`: taken");
  });

  it("merges a declared non-JSON answer with the error codes of the same status", () => {
    expect(Object.keys(image.responses["503"].content)).toEqual(["text/html", "application/json"]);
    expect(image.responses["503"].description).toBe("html busy\n\n- `busy`: busy");
  });

  it("lists path parameters, then optional query parameters", () => {
    expect(image.parameters).toEqual([
      { name: "account_id", in: "path", required: true, schema: { type: "string" } },
      { name: "image2_id", in: "path", required: true, schema: { type: "string" } },
      { name: "size", in: "query", required: false, description: "pixels", schema: { type: "integer" } },
    ]);
  });

  it("refuses an error status declared with a JSON schema instead of by its codes", () => {
    const route = { ...routes[0]!, responses: { 409: { description: "taken", schema: Reply } } };
    expect(() => buildOpenApi(options, [route])).toThrow(
      "post /account/register: declare error 409 by its codes in errors",
    );
  });

  it("refuses an error code it does not know", () => {
    expect(() => buildOpenApi(options, [{ ...routes[0]!, errors: ["nope"] }])).toThrow(
      "unknown error code nope",
    );
  });
});

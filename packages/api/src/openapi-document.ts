import * as model from "@venus/model";
import { ERROR_DETAILS, ERRORS } from "@venus/model";
import { buildOpenApi, type ErrorCatalog, type OpenApiRoute } from "@venus/simple-backend";

const TAGS: Record<string, string> = {
  account: "Sign-in, tokens, the account's state, email, deletion and data export",
  profile: "Own and others' profiles, browsing, favorites and statistics",
  media: "Image uploads, content and the profile's images",
  chat: "Likes, matches, blocks, public keys, messages and receipts",
  report: "Reports about profiles and content",
  admin: "Moderation and administration (needs a permission)",
  news: "News and announcements",
  bot: "Bot sign-in",
  system: "Health, metrics and this document",
};

/** Every TypeBox schema `model` exports, named by its export: they become `components.schemas`. */
export function modelSchemaNames(): Map<object, string> {
  const names = new Map<object, string>();
  for (const [name, value] of Object.entries(model)) {
    if (
      typeof value === "object" &&
      value !== null &&
      Symbol.for("TypeBox.Kind") in value &&
      !names.has(value)
    )
      names.set(value, name);
  }
  return names;
}

/** Every error code with its status, meaning and details schema. */
export const ERROR_CATALOG: ErrorCatalog = Object.fromEntries(
  Object.entries(ERRORS).map(([code, { status, message }]) => [
    code,
    {
      status,
      message,
      ...(Object.hasOwn(ERROR_DETAILS, code)
        ? { details: ERROR_DETAILS[code as keyof typeof ERROR_DETAILS] }
        : {}),
    },
  ]),
);

/** The OpenAPI document of the HTTP API, served at `/openapi.json`. */
export function openApiDocument(version: string, publicUrl: string, routes: OpenApiRoute[]): object {
  return buildOpenApi(
    {
      info: {
        title: "Venus API",
        version,
        description:
          "HTTP API of the Venus dating backend. Authenticated routes need a live /ws connection (see /asyncapi.json).",
        license: { name: "MIT", identifier: "MIT" },
      },
      servers: [
        {
          url: publicUrl || "/",
          description: publicUrl ? "This server" : "The server this document came from",
        },
      ],
      tags: TAGS,
      schemaNames: modelSchemaNames(),
      errors: ERROR_CATALOG,
    },
    routes,
  );
}

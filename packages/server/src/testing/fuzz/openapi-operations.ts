/** A JSON Schema node as the server's OpenAPI document writes them (TypeBox output, inline). */
export interface SchemaNode {
  type?: string;
  format?: string;
  pattern?: string;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

export interface Operation {
  method: string;
  /** The path template, e.g. `/profile/{account_id}`. */
  path: string;
  pathParams: { name: string; schema: SchemaNode }[];
  query: { name: string; schema: SchemaNode }[];
  body: { contentTypes: string[]; schema: SchemaNode | undefined } | undefined;
  secured: boolean;
  /** Its documented 4xx answers are HTML pages (a link opened in a browser), not JSON. */
  htmlErrors: boolean;
  /** The 5xx statuses it documents (a 503 while a dependency is missing or busy), e.g. ["503"]. */
  serverErrors: string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; schema: SchemaNode }[];
  requestBody?: { content: Record<string, { schema?: SchemaNode }> };
  security?: unknown[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

/** Every operation of the server's own OpenAPI document (`GET /openapi.json`). */
export async function readOperations(baseUrl: string): Promise<Operation[]> {
  const answer = await fetch(new URL("/openapi.json", baseUrl));
  if (answer.status !== 200) throw new Error(`GET /openapi.json: ${answer.status}`);
  const document = (await answer.json()) as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content;
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === "path"),
        query: parameters.filter((p) => p.in === "query"),
        body: content && {
          contentTypes: Object.keys(content),
          schema: content["application/json"]?.schema,
        },
        secured: (operation.security ?? []).length > 0,
        serverErrors: Object.keys(operation.responses ?? {}).filter((status) => status.startsWith("5")),
        htmlErrors: Object.entries(operation.responses ?? {}).some(
          ([status, answer]) =>
            status.startsWith("4") &&
            (/^text\/html/.test(answer.description ?? "") || "text/html" in (answer.content ?? {})),
        ),
      });
    }
  return operations;
}

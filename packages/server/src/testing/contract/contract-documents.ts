import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileValidator } from "@venus/simple-backend";

/** The temp directory the global setup made: the served documents, and one record file per worker. */
// Not VENUS_…: the server reads those as configuration.
export const CONTRACT_DIR_ENV = "CONTRACT_RECORD_DIR";

type Json = Record<string, unknown>;
export type Check = (value: unknown) => string[];

/** Refs into the document's named schemas become `definitions` refs, so each schema compiles alone. */
function compiler(named: Json, prefix: string): (schema: unknown) => Check {
  const definitions = JSON.parse(JSON.stringify(named).replaceAll(`"${prefix}`, `"#/definitions/`)) as Json;
  return (schema) => {
    const local = JSON.parse(
      JSON.stringify(schema ?? {}).replaceAll(`"${prefix}`, `"#/definitions/`),
    ) as object;
    const check = compileValidator({ allOf: [local], definitions } as never);
    return (value) => {
      const result = check(value);
      return result.ok ? [] : result.issues.map((i) => `${i.path || "(root)"}: ${i.message}`);
    };
  };
}

export interface OpenApiOperation {
  id: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** The served documents, loaded once per worker, with each schema compiled on first use. */
export class ContractDocuments {
  private readonly operations: { method: string; pattern: RegExp; operation: OpenApiOperation }[] = [];
  private readonly compileOpenApi: (schema: unknown) => Check;
  private readonly compileAsyncApi: (schema: unknown) => Check;
  private readonly checks = new Map<string, Check>();
  readonly messages: Record<string, { payload: unknown }>;

  constructor(dir: string) {
    const read = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8")) as Json;
    const openApi = read("openapi.json") as {
      paths: Record<string, Record<string, Json>>;
      components: { schemas: Json };
    };
    const asyncApi = read("asyncapi.json") as {
      components: { schemas: Json; messages: Record<string, { payload: unknown }> };
    };
    for (const [path, methods] of Object.entries(openApi.paths)) {
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`);
      for (const [method, op] of Object.entries(methods))
        this.operations.push({
          method: method.toUpperCase(),
          pattern,
          operation: {
            id: op.operationId as string,
            responses: op.responses as OpenApiOperation["responses"],
          },
        });
    }
    this.compileOpenApi = compiler(openApi.components.schemas, "#/components/schemas/");
    this.compileAsyncApi = compiler(asyncApi.components.schemas, "#/components/schemas/");
    this.messages = asyncApi.components.messages;
  }

  /** The documented operation a request reached, if any; the most literal path wins (`/a/b` over `/a/{x}`). */
  operation(method: string, path: string): OpenApiOperation | undefined {
    const matches = this.operations.filter((o) => o.method === method && o.pattern.test(path));
    matches.sort((a, b) => a.pattern.source.split("[^/]+").length - b.pattern.source.split("[^/]+").length);
    return matches[0]?.operation;
  }

  /** The check of one response schema of an operation. */
  responseCheck(operation: OpenApiOperation, status: string, schema: unknown): Check {
    return this.cached(`http ${operation.id} ${status}`, () => this.compileOpenApi(schema));
  }

  /** The check of one AsyncAPI message's payload; undefined when the document has no such message. */
  messageCheck(name: string): Check | undefined {
    const message = this.messages[name];
    return message && this.cached(`ws ${name}`, () => this.compileAsyncApi(message.payload));
  }

  private cached(key: string, make: () => Check): Check {
    let check = this.checks.get(key);
    if (!check) this.checks.set(key, (check = make()));
    return check;
  }
}

import type { TSchema } from "@sinclair/typebox";

/**
 * Named schemas become `components.schemas` entries and every use of one becomes a `$ref`, found by
 * object identity: a schema is named once (where it is exported) and used as it is everywhere.
 */
export class SchemaComponents {
  private readonly used = new Map<string, object>();
  /** `Type.Optional(X)` is a copy of X: object schemas are also known by their JSON. */
  private readonly byJson = new Map<string, string>();

  constructor(
    private readonly names: ReadonlyMap<object, string>,
    private readonly prefix = "#/components/schemas/",
  ) {
    for (const [schema, name] of names) {
      const json = fingerprint(schema);
      if (json !== undefined && !this.byJson.has(json)) this.byJson.set(json, name);
    }
  }

  /** The schema as plain JSON, with named parts (the root too) replaced by `$ref`s. */
  ref(schema: TSchema | object): object {
    return this.convert(schema, true) as object;
  }

  /** Every named schema referenced so far, each converted once. */
  schemas(): Record<string, object> {
    return Object.fromEntries([...this.used.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  private convert(value: unknown, refRoot: boolean): unknown {
    if (Array.isArray(value)) return value.map((item) => this.convert(item, true));
    if (value === null || typeof value !== "object") return value;
    const name = refRoot ? (this.names.get(value) ?? this.byJson.get(fingerprint(value) ?? "")) : undefined;
    if (name !== undefined) {
      if (!this.used.has(name)) {
        this.used.set(name, {});
        this.used.set(name, this.convert(value, false) as object);
      }
      return { $ref: `${this.prefix}${name}` };
    }
    const out: Record<string, unknown> = {};
    // String keys only: TypeBox's symbol keys (Kind, Optional) are not JSON Schema.
    for (const [key, item] of Object.entries(value)) {
      if (key !== "$id") out[key] = this.convert(item, true);
    }
    return out;
  }
}

function fingerprint(schema: object): string | undefined {
  return "properties" in schema ? JSON.stringify(schema) : undefined;
}

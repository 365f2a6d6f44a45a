import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Static, TSchema } from "@sinclair/typebox";
import { isAddressOrRange } from "../http/remote-address.js";

// ajv-formats is CommonJS; under NodeNext its callable plugin is the `default` property.
const addFormats = addFormatsModule.default;

export interface SchemaIssue {
  /** Dotted path of the offending value, empty for the root. */
  path: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

export interface ValidatorOptions {
  /** Fill in `default` values from the schema. */
  useDefaults?: boolean;
}

function newAjv(options: ValidatorOptions): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    useDefaults: options.useDefaults ?? false,
    strict: false,
  });
  addFormats(ajv);
  ajv.addFormat("ip-range", isAddressOrRange);
  return ajv;
}

const shared = {
  plain: newAjv({}),
  withDefaults: newAjv({ useDefaults: true }),
};

/** Formats whose ajv message ("must match format ...") would not tell a person what to write. */
const FORMAT_MESSAGES: Record<string, string> = {
  "ip-range": "must be an IP address or a CIDR range, such as 10.0.0.1, 10.0.0.0/8 or fd00::/8",
};

function issueOf(error: ErrorObject): SchemaIssue {
  const base = error.instancePath.split("/").slice(1).join(".");
  if (error.keyword === "additionalProperties") {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    return { path: base ? `${base}.${key}` : key, message: "unknown key" };
  }
  if (error.keyword === "required") {
    const key = String((error.params as { missingProperty: string }).missingProperty);
    return { path: base ? `${base}.${key}` : key, message: "is required" };
  }
  if (error.keyword === "format") {
    const format = (error.params as { format: string }).format;
    const described = FORMAT_MESSAGES[format];
    if (described) return { path: base, message: described };
  }
  return { path: base, message: error.message ?? "is invalid" };
}

/** Compiles a TypeBox schema once; the returned function checks (and, with defaults, fills) a value. */
export function compileValidator<S extends TSchema>(
  schema: S,
  options: ValidatorOptions = {},
): (value: unknown) => Validation<Static<S>> {
  const ajv = options.useDefaults ? shared.withDefaults : shared.plain;
  const check: ValidateFunction = ajv.compile(schema);
  return (value) => {
    if (check(value)) return { ok: true, value: value as Static<S> };
    const seen = new Set<string>();
    const issues: SchemaIssue[] = [];
    for (const error of check.errors ?? []) {
      const issue = issueOf(error);
      const key = `${issue.path}\u0000${issue.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        issues.push(issue);
      }
    }
    return { ok: false, issues };
  };
}

export function formatIssues(issues: SchemaIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
}

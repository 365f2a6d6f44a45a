import { readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import type { Static, TObject, TSchema } from "@sinclair/typebox";
import { compileValidator, type SchemaIssue } from "../validation/schema-validator.js";
import { REMOVED_BACKEND_KEYS } from "./backend-config.js";
import { applyEnvOverrides } from "./env-overrides.js";

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: SchemaIssue[],
  ) {
    super(
      `invalid configuration (${source}):\n` +
        issues.map((i) => `  - ${i.path || "(root)"}: ${i.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

export interface LoadConfigOptions<S extends TObject> {
  schema: S;
  /** Path of a TOML file; without one, only defaults and the environment apply. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Environment prefix such as `VENUS_`; `VENUS_HTTP__PORT=4000` sets `http.port`. */
  envPrefix: string;
}

/** Reads and parses a TOML file; a missing file or bad TOML is a ConfigError naming the file. */
export function readTomlFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [{ path: "", message: `cannot read file: ${(error as Error).message}` }]);
  }
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(file, [{ path: "", message: `not valid TOML: ${(error as Error).message}` }]);
  }
}

/** Reads TOML, applies environment overrides, fills defaults and validates; lists every bad key at once. */
export function loadConfig<S extends TObject>(options: LoadConfigOptions<S>): Static<S> {
  const raw: Record<string, unknown> = options.file ? readTomlFile(options.file) : {};
  const envIssues = applyEnvOverrides(
    raw,
    options.schema as TSchema,
    options.env ?? process.env,
    options.envPrefix,
  );
  const result = compileValidator(options.schema, { useDefaults: true })(raw);
  const issues = [...envIssues, ...(result.ok ? [] : result.issues)].map((issue) => {
    const replacement = REMOVED_BACKEND_KEYS[issue.path];
    return replacement && issue.message.startsWith("unknown key")
      ? { ...issue, message: replacement }
      : issue;
  });
  if (issues.length > 0) throw new ConfigError(options.file ?? "defaults and environment", issues);
  return raw as Static<S>;
}

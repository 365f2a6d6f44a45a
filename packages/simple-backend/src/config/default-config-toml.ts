import { stringify } from "smol-toml";
import type { TObject, TSchema } from "@sinclair/typebox";

interface SchemaNode {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, TSchema>;
}

function comment(text: string | undefined): string[] {
  return text ? text.split("\n").map((line) => `# ${line}`) : [];
}

function renderTable(path: string[], schema: SchemaNode, out: string[]): void {
  const entries = Object.entries(schema.properties ?? {}) as [string, SchemaNode][];
  const leaves = entries.filter(([, s]) => s.type !== "object");
  const tables = entries.filter(([, s]) => s.type === "object");
  if (path.length > 0) {
    out.push("", ...comment(schema.description), `[${path.join(".")}]`);
  }
  for (const [key, leaf] of leaves) {
    out.push(...comment(leaf.description));
    out.push(stringify({ [key]: leaf.default }).trim());
  }
  for (const [key, table] of tables) renderTable([...path, key], table, out);
}

/** Renders every option of a config schema as commented TOML with its default value. */
export function renderDefaultConfig(schema: TObject, header: string): string {
  const out: string[] = [...comment(header)];
  renderTable([], schema as SchemaNode, out);
  return out.join("\n") + "\n";
}

import type { AttributeAnswers } from "@venus/model";
import type { SchemaIssue } from "@venus/simple-backend";
import type { AttributeLookup } from "./catalog-attribute.js";

/**
 * Problems of answers that passed the `AttributeAnswers` schema, against the catalog: unknown
 * attributes and value ids, duplicates, and more values than the attribute allows. Paths are
 * `<attribute id>` or `<attribute id>.<index>`.
 */
export function attributeAnswerProblems(catalog: AttributeLookup, answers: AttributeAnswers): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  for (const [key, ids] of Object.entries(answers)) {
    const attribute = catalog.attribute(key);
    if (!attribute) {
      issues.push({ path: key, message: "unknown attribute" });
      continue;
    }
    const selected = new Set<number>();
    ids.forEach((id, index) => {
      if (!attribute.bits.has(id))
        issues.push({ path: `${key}.${index}`, message: `unknown value id ${id}` });
      else if (selected.has(id))
        issues.push({ path: `${key}.${index}`, message: `duplicate value id ${id}` });
      else selected.add(id);
    });
    if (selected.size > attribute.maxSelected)
      issues.push({
        path: key,
        message:
          attribute.kind === "single"
            ? `single choice: select one value, not ${selected.size}`
            : `select at most ${attribute.maxSelected} values, not ${selected.size}`,
      });
  }
  return issues;
}

/** The stored form: each attribute's ids sorted and unique; attributes without a value left out. */
export function normalizeAttributeAnswers(answers: AttributeAnswers): AttributeAnswers {
  const normal: AttributeAnswers = {};
  for (const [key, ids] of Object.entries(answers)) {
    if (ids.length === 0) continue;
    normal[key] = [...new Set(ids)].sort((a, b) => a - b);
  }
  return normal;
}

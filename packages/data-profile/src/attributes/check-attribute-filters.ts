import type { AttributeFilters } from "@venus/model";
import type { SchemaIssue } from "@venus/simple-backend";
import type { AttributeLookup, CatalogAttribute } from "./catalog-attribute.js";

function checkIds(
  attribute: CatalogAttribute,
  ids: readonly number[],
  path: string,
  issues: SchemaIssue[],
  wanted?: ReadonlySet<number>,
): Set<number> {
  const seen = new Set<number>();
  ids.forEach((id, index) => {
    const at = `${path}.${index}`;
    if (!attribute.bits.has(id)) issues.push({ path: at, message: `unknown value id ${id}` });
    else if (seen.has(id)) issues.push({ path: at, message: `duplicate value id ${id}` });
    else if (wanted?.has(id)) issues.push({ path: at, message: `value id ${id} is also wanted` });
    else seen.add(id);
  });
  return seen;
}

/**
 * Problems of iterator filters that passed the `AttributeFilters` schema, against the catalog:
 * unknown attributes and values, an attribute filtered twice, a filter without values, a value both
 * wanted and unwanted, and an `and` no profile can meet. Paths are `<index>…`.
 */
export function attributeFilterProblems(catalog: AttributeLookup, filters: AttributeFilters): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const filtered = new Map<number, number>();
  filters.forEach((filter, index) => {
    const path = String(index);
    const attribute = catalog.attribute(filter.attribute_id);
    if (!attribute) {
      issues.push({ path: `${path}.attribute_id`, message: `unknown attribute ${filter.attribute_id}` });
      return;
    }
    const earlier = filtered.get(attribute.id);
    if (earlier !== undefined)
      issues.push({
        path: `${path}.attribute_id`,
        message: `attribute ${attribute.id} is also filtered at ${earlier}`,
      });
    else filtered.set(attribute.id, index);
    if ((filter.wanted?.length ?? 0) + (filter.unwanted?.length ?? 0) === 0)
      issues.push({ path, message: "needs wanted or unwanted values" });
    const wanted = checkIds(attribute, filter.wanted ?? [], `${path}.wanted`, issues);
    checkIds(attribute, filter.unwanted ?? [], `${path}.unwanted`, issues, wanted);
    if (filter.mode === "and" && wanted.size > attribute.maxSelected)
      issues.push({
        path: `${path}.mode`,
        message: `"and" of ${wanted.size} values never matches: a profile selects at most ${attribute.maxSelected}`,
      });
  });
  return issues;
}

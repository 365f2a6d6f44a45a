import { ATTRIBUTE_LIMITS, type AttributeDefinition, type AttributeDefinitions } from "@venus/model";
import type { SchemaIssue } from "@venus/simple-backend";

/** Remembers the first path of each key; reports later ones as duplicates of it. */
function uniqueChecker(what: string, issues: SchemaIssue[]) {
  const first = new Map<string | number, string>();
  return (key: string | number, path: string) => {
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, path);
    else issues.push({ path, message: `duplicate ${what} ${JSON.stringify(key)} (first at ${earlier})` });
  };
}

/** The attribute's values with their paths, flat values and grouped values alike. */
export function valuesWithPaths(attribute: AttributeDefinition, path: string) {
  const flat = (attribute.values ?? []).map((value, v) => ({ value, path: `${path}.values.${v}` }));
  const grouped = (attribute.groups ?? []).flatMap((group, g) =>
    group.values.map((value, v) => ({ value, path: `${path}.groups.${g}.values.${v}` })),
  );
  return [...flat, ...grouped];
}

function checkAttribute(attribute: AttributeDefinition, path: string, issues: SchemaIssue[]): number {
  if (attribute.values === undefined && attribute.groups === undefined)
    issues.push({ path, message: "needs either values or groups" });
  if (attribute.values !== undefined && attribute.groups !== undefined)
    issues.push({ path, message: "has both values and groups; use one of them" });
  const uniqueGroup = uniqueChecker("group id", issues);
  (attribute.groups ?? []).forEach((group, g) => uniqueGroup(group.id, `${path}.groups.${g}.id`));
  const values = valuesWithPaths(attribute, path);
  const uniqueValue = uniqueChecker("value id", issues);
  for (const { value, path: valuePath } of values) uniqueValue(value.id, `${valuePath}.id`);
  if (values.length > ATTRIBUTE_LIMITS.valuesPerAttribute)
    issues.push({
      path,
      message: `has ${values.length} values; at most ${ATTRIBUTE_LIMITS.valuesPerAttribute}`,
    });
  if (attribute.max_selected !== undefined) {
    if (attribute.kind !== "multiple")
      issues.push({ path: `${path}.max_selected`, message: "only for kind multiple" });
    else if (attribute.max_selected > values.length)
      issues.push({
        path: `${path}.max_selected`,
        message: `is ${attribute.max_selected} but the attribute has only ${values.length} values`,
      });
  }
  return values.length;
}

/**
 * The rules a schema cannot say: unique ids and keys, values or groups, `max_selected` that fits.
 * Takes definitions that passed the schema; returns every problem with its path.
 */
export function attributeDefinitionProblems(definitions: AttributeDefinitions): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const uniqueId = uniqueChecker("attribute id", issues);
  const uniqueKey = uniqueChecker("attribute key", issues);
  let totalValues = 0;
  definitions.attributes.forEach((attribute, a) => {
    const path = `attributes.${a}`;
    uniqueId(attribute.id, `${path}.id`);
    uniqueKey(attribute.key, `${path}.key`);
    totalValues += checkAttribute(attribute, path, issues);
  });
  if (totalValues > ATTRIBUTE_LIMITS.totalValues)
    issues.push({
      path: "attributes",
      message: `have ${totalValues} values in total; at most ${ATTRIBUTE_LIMITS.totalValues}`,
    });
  return issues;
}

import type {
  AttributeAnswers,
  AttributeDefinition,
  AttributeDefinitions,
  AttributeValue,
} from "@venus/model";
import type { ApiClient } from "@venus/web-shared";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";

/** The server's catalogue is the same for every account and changes only with a restart: one fetch a page. */
let catalogue: Promise<AttributeDefinition[]> | undefined;

function load(api: ApiClient): Promise<AttributeDefinition[]> {
  catalogue ??= api.get<AttributeDefinitions>("/profile/attributes").then(
    (answer) => answer.attributes,
    (failure: unknown) => {
      catalogue = undefined; // tried again by the next screen that asks
      throw failure;
    },
  );
  return catalogue;
}

/** The attribute questions (`GET /profile/attributes`); undefined while loading. */
export function useAttributes(): AttributeDefinition[] | undefined {
  const { session } = useApp();
  const [attributes, setAttributes] = useState<AttributeDefinition[]>();
  useEffect(() => void load(session.api).then(setAttributes, () => undefined), []);
  return attributes;
}

/** An attribute's answers, flat, whether it lists `values` or `groups` of them. */
export const valuesOf = (attribute: AttributeDefinition): AttributeValue[] =>
  attribute.values ?? (attribute.groups ?? []).flatMap((group) => group.values);

/** The chosen answers' names per question, in the catalogue's order; unanswered questions left out. */
export function answered(
  attributes: AttributeDefinition[],
  answers: AttributeAnswers,
): { attribute: AttributeDefinition; names: string[] }[] {
  return attributes.flatMap((attribute) => {
    const chosen = answers[String(attribute.id)] ?? [];
    const names = valuesOf(attribute)
      .filter((value) => chosen.includes(value.id))
      .map((value) => value.name);
    return names.length > 0 ? [{ attribute, names }] : [];
  });
}

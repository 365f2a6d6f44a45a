import type {
  AttributeAnswers,
  AttributeDefinition,
  AttributeDefinitions,
  AttributeValue,
} from "@venus/model";
import type { ApiClient } from "@venus/web-shared";
import { useContext, useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { FALLBACK } from "../i18n/i18n.js";
import { TranslatorContext } from "../i18n/use-t.js";

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

/** The attribute questions (`GET /profile/attributes`) in the page's language; undefined while loading. */
export function useAttributes(): AttributeDefinition[] | undefined {
  const { session } = useApp();
  const language = useContext(TranslatorContext)?.language ?? FALLBACK;
  const [attributes, setAttributes] = useState<AttributeDefinition[]>();
  useEffect(
    () =>
      void load(session.api).then(
        (loaded) => setAttributes(localized(loaded, language)),
        () => undefined,
      ),
    [language],
  );
  return attributes;
}

/** Each name in `language` where the catalogue translates it, else as the catalogue names it. */
export function localized(attributes: AttributeDefinition[], language: string): AttributeDefinition[] {
  const name = <T extends { name: string; translations?: Record<string, string> }>(item: T): T => ({
    ...item,
    name: item.translations?.[language] ?? item.name,
  });
  return attributes.map((attribute) => ({
    ...name(attribute),
    ...(attribute.values && { values: attribute.values.map(name) }),
    ...(attribute.groups && {
      groups: attribute.groups.map((group) => ({ ...name(group), values: group.values.map(name) })),
    }),
  }));
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

import type { AttributeDefinition, AttributeDefinitions, AttributeKind } from "@venus/model";
import { valuesWithPaths } from "./check-attribute-definitions.js";

/**
 * One attribute as the catalog holds it, with its place in the answer bitset: every value of every
 * attribute owns one bit, attributes one after another in file order, values in file order (groups
 * flattened).
 */
export interface CatalogAttribute {
  readonly id: number;
  readonly key: string;
  readonly kind: AttributeKind;
  readonly definition: AttributeDefinition;
  /** 1 for single choice; `max_selected`, or else the number of values, for multiple choice. */
  readonly maxSelected: number;
  /** Value id → its bit in the answer bitset. */
  readonly bits: ReadonlyMap<number, number>;
}

/** What the answer and filter checks need from a catalog. */
export interface AttributeLookup {
  attribute(id: number | string): CatalogAttribute | undefined;
}

/** Lays out the bits of checked definitions; `bitCount` is the number of values in all attributes. */
export function layOutAttributes(definitions: AttributeDefinitions): {
  attributes: CatalogAttribute[];
  bitCount: number;
} {
  let nextBit = 0;
  const attributes = definitions.attributes.map((definition): CatalogAttribute => {
    const bits = new Map<number, number>();
    for (const { value } of valuesWithPaths(definition, "")) bits.set(value.id, nextBit++);
    return {
      id: definition.id,
      key: definition.key,
      kind: definition.kind,
      definition,
      maxSelected: definition.kind === "single" ? 1 : (definition.max_selected ?? bits.size),
      bits,
    };
  });
  return { attributes, bitCount: nextBit };
}

import type { AttributeAnswers, AttributeFilters } from "@venus/model";
import type { AttributeLookup } from "./catalog-attribute.js";
import type { CompiledAttributeFilters } from "./attribute-matcher.js";

function setBit(words: Int32Array, offset: number, bit: number): void {
  const index = offset + (bit >>> 5);
  words[index] = words[index]! | (1 << (bit & 31));
}

/**
 * Writes answers in compact form (see attribute-matcher.ts) into `words[offset … offset + wordCount)`.
 * Ids the catalog no longer knows (answers saved under an older attributes file) are skipped.
 */
export function encodeAttributeAnswers(
  catalog: AttributeLookup,
  answers: AttributeAnswers,
  words: Int32Array,
  offset: number,
  wordCount: number,
): void {
  words.fill(0, offset, offset + wordCount);
  for (const [key, ids] of Object.entries(answers)) {
    const bits = catalog.attribute(key)?.bits;
    if (!bits) continue;
    for (const id of ids) {
      const bit = bits.get(id);
      if (bit !== undefined) setBit(words, offset, bit);
    }
  }
}

/** Adds the bits of `ids` to per-word masks. */
function addMasks(
  masks: Map<number, number>,
  bits: ReadonlyMap<number, number>,
  ids: readonly number[] = [],
) {
  for (const id of ids) {
    const bit = bits.get(id);
    if (bit !== undefined) masks.set(bit >>> 5, (masks.get(bit >>> 5) ?? 0) | (1 << (bit & 31)));
  }
}

/** Turns checked filters into the program of attribute-matcher.ts; throws on an attribute the catalog lacks. */
export function compileAttributeFilters(
  catalog: AttributeLookup,
  filters: AttributeFilters,
): CompiledAttributeFilters {
  const unwanted = new Map<number, number>();
  const all = new Map<number, number>();
  const anyOf: Map<number, number>[] = [];
  for (const filter of filters) {
    const attribute = catalog.attribute(filter.attribute_id);
    if (!attribute) throw new Error(`unknown attribute ${filter.attribute_id}`);
    addMasks(unwanted, attribute.bits, filter.unwanted);
    if ((filter.wanted?.length ?? 0) === 0) continue;
    if (filter.mode === "and") addMasks(all, attribute.bits, filter.wanted);
    else {
      const masks = new Map<number, number>();
      addMasks(masks, attribute.bits, filter.wanted);
      anyOf.push(masks);
    }
  }
  const words = [...new Set([...unwanted.keys(), ...all.keys()])].sort((a, b) => a - b);
  const program = [
    words.length,
    ...words.flatMap((word) => [word, unwanted.get(word) ?? 0, all.get(word) ?? 0]),
  ];
  for (const masks of anyOf) program.push(masks.size, ...[...masks].flat());
  return Int32Array.from(program) as CompiledAttributeFilters;
}

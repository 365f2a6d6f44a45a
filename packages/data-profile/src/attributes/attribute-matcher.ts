/**
 * The attribute filter of the profile iterator, run for every candidate profile.
 *
 * Compact form of a profile's answers: a bitset of `catalog.wordCount` 32-bit words in an
 * `Int32Array`, at any offset (the iterator keeps all profiles in one array with that stride). Each
 * value of each attribute owns one bit (see `CatalogAttribute`); a set bit means the profile selected
 * that value. With the default attributes (67 values) a profile takes 3 words (12 bytes).
 *
 * Compiled filters are one `Int32Array` program, built by `compileAttributeFilters`:
 *
 *     n, (word, unwantedMask, andMask) × n, then per "or" filter: m, (word, wantedMask) × m
 *
 * The first part merges every filter's unwanted values and "and" values by word, so a profile is
 * refused with one test per word: it has an unwanted bit or lacks an "and" bit. Each "or" filter then
 * needs a hit in one of its words. Matching allocates nothing.
 */
export type CompiledAttributeFilters = Int32Array & { readonly __compiledAttributeFilters: true };

/**
 * Whether the answers at `words[offset …]` meet every filter: with mode `and` the profile has all
 * wanted values, with `or` at least one, and it has none of the unwanted values. A profile without
 * an answer has no values: it fails a wanted filter and passes an unwanted one.
 */
export function matchesAttributeFilters(
  words: Int32Array,
  offset: number,
  program: CompiledAttributeFilters,
): boolean {
  let k = 1;
  for (const end = 1 + 3 * program[0]!; k < end; k += 3) {
    const word = words[offset + program[k]!]!;
    const all = program[k + 2]!;
    if (((word & program[k + 1]!) | ((word & all) ^ all)) !== 0) return false;
  }
  while (k < program.length) {
    const end = k + 1 + 2 * program[k]!;
    let hits = 0;
    for (k++; k < end; k += 2) hits |= words[offset + program[k]!]! & program[k + 1]!;
    if (hits === 0) return false;
  }
  return true;
}

/**
 * One shared value per distinct key. Rows read from SQLite give a new string, array or set for every
 * row, even when a million rows hold the same few values (`["woman"]`, no permissions); entities
 * loaded at start-up share one instance instead. Shared values must never be changed in place:
 * entities replace them (arrays are frozen to make sure).
 */
export class Interned<T> {
  private readonly values = new Map<string, T>();

  constructor(private readonly make: (key: string) => T) {}

  get(key: string): T {
    let value = this.values.get(key);
    if (value === undefined) this.values.set(key, (value = this.make(key)));
    return value;
  }
}

/** The literal of `values` equal to `value` (a shared string), or `value` itself when none is. */
export function literalOf<T extends string>(values: readonly T[], value: string): T {
  for (const literal of values) if (literal === value) return literal;
  return value as T;
}

import type { Database } from "better-sqlite3";

/** A row read as an array of the named columns, in their order. */
export type Columns<R, C extends readonly (keyof R)[]> = { -readonly [I in keyof C]: R[C[I] & keyof R] };

/**
 * Every row of a table as arrays of the named columns (better-sqlite3's raw mode): at start-up, with
 * a million rows, an array per row costs about half the CPU of an object per row. `columns` are
 * names from code, never input; a name in `computed` is read as its SQL expression instead (what
 * start-up needs of a cold column, such as whether it is empty, without reading the column itself).
 */
export function iterateColumns<R, const C extends readonly (keyof R & string)[]>(
  db: Database,
  table: string,
  columns: C,
  computed: Partial<Record<keyof R & string, string>> = {},
): IterableIterator<Columns<R, C>> {
  const select = columns.map((column) => computed[column] ?? column);
  return db
    .prepare(`SELECT ${select.join(", ")} FROM ${table}`)
    .raw(true)
    .iterate() as IterableIterator<Columns<R, C>>;
}

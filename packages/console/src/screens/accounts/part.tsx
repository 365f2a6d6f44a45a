import type { ComponentChildren } from "preact";
import type { Loaded } from "../../use-load.js";

export const time = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString() : "never");

/** One titled box of the account page: loading, the server's error, or its content. */
export function Part<T>({
  title,
  loaded,
  children,
}: {
  title: string;
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  return (
    <section aria-label={title} class="part">
      <h2>{title}</h2>
      {loaded.error ? (
        <p class="muted">{loaded.error}</p>
      ) : loaded.data === undefined ? (
        <p>Loading…</p>
      ) : (
        children(loaded.data)
      )}
    </section>
  );
}

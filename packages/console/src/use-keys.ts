import { useEffect, useRef } from "preact/hooks";

/**
 * Single-key shortcuts for a screen (`{ a: accept, ArrowRight: next }`), ignored while typing in a
 * field or with a modifier held, so they never steal the browser's own shortcuts.
 */
export function useKeys(keys: Record<string, () => void>, enabled = true): void {
  const current = useRef(keys);
  current.current = keys;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, dialog[open]")) return;
      const action = current.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [enabled]);
}

/**
 * A queue's keys: `j`/`k` and the arrows along `axis` move the selection through `length` items,
 * and `actions` add the screen's own keys.
 */
export function useListKeys(
  index: number,
  length: number,
  select: (index: number) => void,
  actions: Record<string, () => void>,
  { axis = "row", enabled = true }: { axis?: "row" | "column"; enabled?: boolean } = {},
): void {
  const next = () => select(Math.min(index + 1, length - 1));
  const previous = () => select(Math.max(index - 1, 0));
  const [forward, back] = axis === "row" ? ["ArrowRight", "ArrowLeft"] : ["ArrowDown", "ArrowUp"];
  useKeys({ j: next, k: previous, [forward]: next, [back]: previous, ...actions }, enabled);
}

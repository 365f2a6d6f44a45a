import type { RejectionCategory } from "@venus/model";
import { allOf } from "@venus/web-shared";
import { useEffect, useRef } from "preact/hooks";

/** In model's order, which is the order of the number keys. */
const REJECTION_CATEGORIES = allOf<RejectionCategory>()([
  "nudity",
  "violence",
  "not_a_person",
  "not_the_owner",
  "low_quality",
  "hate_or_offensive",
  "minor",
  "other",
]);

interface RejectPanelProps {
  onReject(category: RejectionCategory, details: string): void;
  onCancel(): void;
}

/** Choosing a rejection: a digit picks the category and rejects, or type details and press Enter. */
export function RejectPanel(props: RejectPanelProps) {
  const form = useRef<HTMLFormElement>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  const details = () => (form.current?.elements.namedItem("details") as HTMLInputElement | null)?.value ?? "";
  const chosen = () =>
    (new FormData(form.current ?? undefined).get("category") as RejectionCategory | null) ?? "other";
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") return callbacks.current.onCancel();
      const inDetails =
        (event.target as HTMLElement | null)?.tagName === "INPUT" &&
        (event.target as HTMLInputElement).type === "text";
      const index = Number(event.key) - 1;
      if (!inDetails && Number.isInteger(index) && REJECTION_CATEGORIES[index]) {
        event.preventDefault();
        callbacks.current.onReject(REJECTION_CATEGORIES[index], details());
      }
    };
    addEventListener("keydown", onKey);
    form.current?.querySelector<HTMLInputElement>("input[name=category]")?.focus();
    return () => removeEventListener("keydown", onKey);
  }, []);
  return (
    <form
      ref={form}
      class="reject-panel"
      aria-label="Reject"
      onSubmit={(event) => {
        event.preventDefault();
        props.onReject(chosen(), details());
      }}
    >
      <fieldset>
        <legend>Reject as (press its number)</legend>
        {REJECTION_CATEGORIES.map((category, index) => (
          <label key={category} class="choice">
            <input type="radio" name="category" value={category} defaultChecked={index === 0} />
            <kbd>{index + 1}</kbd> {category.replaceAll("_", " ")}
          </label>
        ))}
      </fieldset>
      <label>
        Details for the owner (optional)
        <input type="text" name="details" maxLength={1000} />
      </label>
      <div class="buttons">
        <button type="submit" class="danger">
          Reject
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel (Esc)
        </button>
      </div>
    </form>
  );
}

import { useT } from "../i18n/use-t.js";

interface Range {
  min?: number | undefined;
  max?: number | undefined;
}

/** Two number fields, "from" and "to", within `limits`; an empty field is no bound. */
export function RangeFields({
  legend,
  limits,
  value,
  onChange,
}: {
  legend: string;
  limits: { min: number; max: number };
  value: Range;
  onChange(range: Range): void;
}) {
  const t = useT();
  const field = (end: "min" | "max", label: string) => (
    <label>
      {label}
      <input
        type="number"
        min={limits.min}
        max={limits.max}
        value={value[end] ?? ""}
        onInput={(event) => {
          const text = (event.currentTarget as HTMLInputElement).value;
          onChange({ ...value, [end]: text === "" ? undefined : Number(text) });
        }}
      />
    </label>
  );
  return (
    <fieldset class="range">
      <legend>{legend}</legend>
      <div class="row">
        {field("min", t("filters.from"))}
        {field("max", t("filters.to"))}
      </div>
    </fieldset>
  );
}

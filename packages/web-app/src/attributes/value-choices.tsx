import type { AttributeDefinition, AttributeValue } from "@venus/model";

interface Props {
  attribute: AttributeDefinition;
  chosen: number[];
  onChange(chosen: number[]): void;
  /** Unchecked boxes are disabled once this many are checked. */
  max?: number | undefined;
}

/** An attribute's answers as checkboxes (grouped where the catalogue groups them), inside a fieldset. */
export function ValueCheckboxes({ attribute, chosen, onChange, max }: Props) {
  const full = max !== undefined && chosen.length >= max;
  const box = (value: AttributeValue) => (
    <label class="check" key={value.id}>
      <input
        type="checkbox"
        checked={chosen.includes(value.id)}
        disabled={full && !chosen.includes(value.id)}
        onChange={(event) =>
          onChange(
            (event.currentTarget as HTMLInputElement).checked
              ? [...chosen, value.id]
              : chosen.filter((id) => id !== value.id),
          )
        }
      />
      {value.name}
    </label>
  );
  return (
    <fieldset class="choices">
      <legend>{attribute.name}</legend>
      {attribute.values?.map(box)}
      {attribute.groups?.map((group) => (
        <div class="group" role="group" aria-label={group.name} key={group.id}>
          <span class="group-name">{group.name}</span>
          {group.values.map(box)}
        </div>
      ))}
    </fieldset>
  );
}

/** A single-choice attribute as a select; the empty option is no answer. */
export function ValueSelect({ attribute, chosen, onChange, none }: Props & { none: string }) {
  const option = (value: AttributeValue) => (
    <option key={value.id} value={value.id} selected={chosen.includes(value.id)}>
      {value.name}
    </option>
  );
  return (
    <label>
      {attribute.name}
      <select
        onChange={(event) => {
          const id = Number((event.currentTarget as HTMLSelectElement).value);
          onChange(id ? [id] : []);
        }}
      >
        <option value="">{none}</option>
        {attribute.values?.map(option)}
        {attribute.groups?.map((group) => (
          <optgroup key={group.id} label={group.name}>
            {group.values.map(option)}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

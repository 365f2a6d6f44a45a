import "./attributes.css";
import type { AttributeAnswers } from "@venus/model";
import { answered, useAttributes } from "./catalogue.js";

/** A profile's attribute answers as a definition list: question, then the chosen answers. */
export function AttributeList({ answers }: { answers: AttributeAnswers }) {
  const attributes = useAttributes();
  const rows = attributes ? answered(attributes, answers) : [];
  if (rows.length === 0) return null;
  return (
    <dl class="attributes">
      {rows.map(({ attribute, names }) => (
        <div key={attribute.id}>
          <dt>{attribute.name}</dt>
          <dd>
            {names.map((name) => (
              <span class="chip">{name}</span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}

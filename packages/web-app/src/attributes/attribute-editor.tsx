import type { AttributeAnswers, OwnProfile } from "@venus/model";
import { useState } from "preact/hooks";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "../screens/use-action.js";
import { useAttributes } from "./catalogue.js";
import { ValueCheckboxes, ValueSelect } from "./value-choices.js";

/** The own answers to the catalogue's questions; `save` sends them with the rest of the profile. */
export function AttributeEditor({
  me,
  save,
}: {
  me: OwnProfile;
  save(attributes: AttributeAnswers): Promise<void>;
}) {
  const t = useT();
  const attributes = useAttributes();
  const [answers, setAnswers] = useState<AttributeAnswers>(me.attributes);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  if (!attributes) return null;
  const set = (id: number) => (chosen: number[]) => {
    setSaved(false);
    setAnswers({ ...answers, [String(id)]: chosen });
  };
  return (
    <form
      class="card attribute-editor"
      aria-label={t("attributes.title")}
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => (await save(answers), setSaved(true)));
      }}
    >
      <h2>{t("attributes.title")}</h2>
      {attributes.map((attribute) => {
        const chosen = answers[String(attribute.id)] ?? [];
        return attribute.kind === "single" ? (
          <ValueSelect
            key={attribute.id}
            attribute={attribute}
            chosen={chosen}
            onChange={set(attribute.id)}
            none={t("attributes.none")}
          />
        ) : (
          <ValueCheckboxes
            key={attribute.id}
            attribute={attribute}
            chosen={chosen}
            onChange={set(attribute.id)}
            max={attribute.max_selected}
          />
        );
      })}
      <button type="submit" disabled={busy}>
        {saved ? t("attributes.saved") : t("attributes.save")}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

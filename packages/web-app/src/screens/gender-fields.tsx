import { useT } from "../i18n/use-t.js";

export const GENDERS = ["woman", "man", "non_binary"] as const;
export type Gender = (typeof GENDERS)[number];

/** One's own gender (a choice) and who one looks for (one to three). */
export function GenderFields(props: { gender?: Gender; wanted?: readonly Gender[] }) {
  const t = useT();
  return (
    <>
      <label>
        {t("field.gender")}
        <select name="gender" required>
          <option value="" disabled selected={!props.gender}>
            {t("field.choose")}
          </option>
          {GENDERS.map((gender) => (
            <option value={gender} selected={props.gender === gender}>
              {t(`gender.${gender}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("field.looking_for")}</legend>
        {GENDERS.map((gender) => (
          <label class="check">
            <input
              type="checkbox"
              name="looking_for"
              value={gender}
              defaultChecked={props.wanted?.includes(gender)}
            />
            {t(`gender.${gender}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

export function wantedOf(form: HTMLFormElement): Gender[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>("input[name=looking_for]:checked")).map(
    (input) => input.value as Gender,
  );
}

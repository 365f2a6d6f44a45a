import "./filters.css";
import type { AttributeFilter, BrowseFilters, OwnProfile } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useAttributes } from "../attributes/catalogue.js";
import { ValueCheckboxes } from "../attributes/value-choices.js";
import { useT } from "../i18n/use-t.js";
import { editRequest } from "../screens/edit-request.js";
import { ErrorLine, useAction } from "../screens/use-action.js";
import { RangeFields } from "./range-fields.js";

/** The wanted ages a profile may name (`AgeRange`). */
const AGES = { min: 18, max: 99 };

/** `last_seen_within_seconds` choices: online now, a day, a week, a month. */
const SEEN_WITHIN = [0, 86_400, 604_800, 2_592_000];

/**
 * The filters `POST /profile/page/reset` accepts (distance, last seen, verified, attributes) and the
 * profile's wanted age range; "Search" saves them and starts a new browse session with them.
 */
export function FiltersPanel({
  filters,
  onApply,
}: {
  filters: BrowseFilters;
  onApply(filters: BrowseFilters): void;
}) {
  const t = useT();
  const { session } = useApp();
  const attributes = useAttributes();
  const [draft, setDraft] = useState(filters);
  const [me, setMe] = useState<OwnProfile>();
  const [age, setAge] = useState<{ min?: number; max?: number }>({});
  const { busy, error, run } = useAction();
  useEffect(() => {
    void session.api
      .get<OwnProfile>("/profile/me")
      .then((profile) => (setMe(profile), setAge(profile.wanted_age)));
  }, []);
  const change = (changes: Partial<BrowseFilters>) => setDraft({ ...draft, ...changes });
  const wanted = (id: number) => draft.attributes?.find((filter) => filter.attribute_id === id)?.wanted ?? [];
  const setWanted = (id: number) => (values: number[]) => {
    const others = (draft.attributes ?? []).filter((filter) => filter.attribute_id !== id);
    const filter: AttributeFilter[] =
      values.length > 0 ? [{ attribute_id: id, wanted: values, mode: "or" }] : [];
    change({ attributes: [...others, ...filter] });
  };
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      if (me && (age.min !== me.wanted_age.min || age.max !== me.wanted_age.max)) {
        const wanted_age = { min: age.min ?? AGES.min, max: age.max ?? AGES.max };
        setMe(await session.api.put<OwnProfile>("/profile", editRequest(me, { wanted_age })));
      }
      onApply(draft);
    });
  };
  return (
    <form class="filters card" aria-label={t("filters.title")} onSubmit={submit}>
      <details>
        <summary>{t("filters.title")}</summary>
        {me && <RangeFields legend={t("filters.age")} limits={AGES} value={age} onChange={setAge} />}
        <RangeFields
          legend={t("filters.distance")}
          limits={{ min: 0, max: 40_075 }}
          value={{ min: draft.min_distance_km, max: draft.max_distance_km }}
          onChange={(range) => change({ min_distance_km: range.min, max_distance_km: range.max })}
        />
        <label>
          {t("filters.seen")}
          <select
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              change({ last_seen_within_seconds: value === "" ? undefined : Number(value) });
            }}
          >
            <option value="">{t("filters.seen_any")}</option>
            {SEEN_WITHIN.map((seconds) => (
              <option value={seconds} selected={draft.last_seen_within_seconds === seconds}>
                {t(`filters.seen_${seconds}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.verified_only ?? false}
            onChange={(event) =>
              change({ verified_only: (event.currentTarget as HTMLInputElement).checked || undefined })
            }
          />
          {t("filters.verified_only")}
        </label>
        {attributes?.map((attribute) => (
          <ValueCheckboxes
            key={attribute.id}
            attribute={attribute}
            chosen={wanted(attribute.id)}
            onChange={setWanted(attribute.id)}
          />
        ))}
        <p class="hint">{t("filters.attributes_hint")}</p>
        <button type="button" class="link" onClick={() => setDraft({})}>
          {t("filters.clear")}
        </button>
      </details>
      <button type="submit" disabled={busy}>
        {t("browse.apply")}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}

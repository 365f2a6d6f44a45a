import { Type, type Static } from "@sinclair/typebox";
import { BrowseFilters, BrowseItem } from "./browse-schemas.js";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const TimeOfDay = (description: string) =>
  Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$", description });

/** "New people near you": when the server looks, and what for (docs/protocol.md). */
export const AutomaticSearchSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    weekdays: Type.Array(Type.Union(WEEKDAYS.map((d) => Type.Literal(d))), {
      maxItems: 7,
      uniqueItems: true,
      description: "The days (in the user's local time) on which the search runs once.",
    }),
    window_start: TimeOfDay("HH:MM local time: the earliest a run may happen."),
    window_end: TimeOfDay("HH:MM local time, after window_start: runs happen before it."),
    utc_offset_minutes: Type.Integer({
      minimum: -840,
      maximum: 840,
      description: "The user's offset from UTC, e.g. 120 for UTC+2.",
    }),
    filters: BrowseFilters,
  },
  { additionalProperties: false },
);
export type AutomaticSearchSettings = Static<typeof AutomaticSearchSettings>;

export const DEFAULT_AUTOMATIC_SEARCH_SETTINGS: AutomaticSearchSettings = {
  enabled: false,
  weekdays: [],
  window_start: "18:00",
  window_end: "21:00",
  utc_offset_minutes: 0,
  filters: {},
};

export const AutomaticSearchResults = Type.Object({
  version: Type.Integer({ minimum: 0, description: "The `automatic_search` sync version: grows per run." }),
  run_at: Type.Union([Type.Integer(), Type.Null()], {
    description: "Unix ms of the last run; null: none yet.",
  }),
  count: Type.Integer({ minimum: 0, description: "Profiles the last run found." }),
  profiles: Type.Array(BrowseItem, { description: "This page, nearest first, as browse gives them." }),
  next_offset: Type.Union([Type.Integer(), Type.Null()], {
    description: "The next page's offset; null: no more.",
  }),
});
export type AutomaticSearchResults = Static<typeof AutomaticSearchResults>;

/** `automatic_search_changed`: a run finished; `version` is the `automatic_search` sync version. */
export const AutomaticSearchChangedEvent = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  count: Type.Integer({ minimum: 0 }),
});
export type AutomaticSearchChangedEvent = Static<typeof AutomaticSearchChangedEvent>;

/** The admin listener's test clock route (only with `[testing] clock`). */
export const TestClockRequest = Type.Object(
  { advance_seconds: Type.Optional(Type.Number({ minimum: 0, maximum: 3.2e9 })) },
  { additionalProperties: false },
);
export type TestClockRequest = Static<typeof TestClockRequest>;

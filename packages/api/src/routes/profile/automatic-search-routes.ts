import { Type } from "@sinclair/typebox";
import { automaticSearchResultsOf } from "@venus/data-all";
import { automaticSearchSettingsOf, setAutomaticSearchSettings } from "@venus/data-profile";
import { AutomaticSearchResults, AutomaticSearchSettings } from "@venus/model";
import { integerQuery } from "../../query.js";
import { json, userRoute } from "../../route.js";
import { ownProfile } from "./own-profile.js";

export const automaticSearchSettingsRoute = userRoute(
  {
    method: "get",
    path: "/profile/automatic_search/settings",
    summary: '"New people near you": the days, time window and filters of the automatic search',
    tag: "profile",
    errors: ["invalid_state"],
    responses: { 200: { description: "Settings (default: off)", schema: AutomaticSearchSettings } },
  },
  ({ auth, deps }) => json(200, automaticSearchSettingsOf(deps.profile, ownProfile(deps, auth).accountId)),
);

export const setAutomaticSearchSettingsRoute = userRoute(
  {
    method: "put",
    path: "/profile/automatic_search/settings",
    summary:
      "Replace the automatic search settings: on each chosen day, once within the window, the server looks for new profiles matching the filters both ways",
    tag: "profile",
    body: AutomaticSearchSettings,
    errors: ["invalid_state"],
    responses: { 200: { description: "Saved", schema: AutomaticSearchSettings } },
  },
  async ({ auth, body, deps }) =>
    json(200, await setAutomaticSearchSettings(deps.profile, ownProfile(deps, auth).accountId, body)),
);

export const automaticSearchResultsRoute = userRoute(
  {
    method: "get",
    path: "/profile/automatic_search/results",
    summary: "A page of what the last automatic search found, nearest first, as browse cards",
    tag: "profile",
    query: {
      offset: { description: "The `next_offset` of the previous page (default 0).", schema: Type.Integer() },
    },
    errors: ["invalid_state"],
    responses: { 200: { description: "A page", schema: AutomaticSearchResults } },
  },
  ({ http, auth, deps }) =>
    json(
      200,
      automaticSearchResultsOf(
        deps,
        ownProfile(deps, auth),
        integerQuery(http, "offset", "must be a next_offset of a previous page") ?? 0,
      ),
    ),
);

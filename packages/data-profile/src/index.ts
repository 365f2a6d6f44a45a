export { openProfileComponent, type ProfileComponentOptions } from "./profile-component.js";
export type { ProfileContext } from "./context.js";
export type { Profile, ModeratedFieldName } from "./profile-entity.js";
export { createProfile, type NewProfile } from "./operations/create-profile.js";
export { editProfile } from "./operations/edit-profile.js";
export { setLocation, setVisibility, setPrivacy } from "./operations/profile-settings.js";
export { moderateText, type ModerationDecision } from "./operations/moderate-text.js";
export { presentOwnProfile } from "./presenters/own-profile-presenter.js";
export { presentProfileView, presentProfileLive } from "./presenters/profile-view-presenter.js";
export { moderationPage } from "./presenters/moderation-page-presenter.js";
export * from "./location/index.js";
export { AttributeCatalog } from "./attributes/attribute-catalog.js";
export type { CatalogAttribute } from "./attributes/catalog-attribute.js";
export { loadAttributeDefinitions } from "./attributes/load-attribute-definitions.js";
export { resetBrowse, nextBrowsePage } from "./operations/browse.js";
export { addFavorite, removeFavorite, favoritesOf } from "./operations/favorites.js";
export { currentStatistics, statisticsHistory } from "./statistics/statistics-service.js";
export { runDailyProfileTask } from "./operations/daily-profile-task.js";
export { removeProfile } from "./operations/delete-profile.js";
export {
  automaticSearchSettingsOf,
  setAutomaticSearchSettings,
} from "./operations/automatic-search-settings.js";
export { runDueAutomaticSearches } from "./operations/run-automatic-searches.js";
export { automaticSearchPage } from "./presenters/automatic-search-presenter.js";

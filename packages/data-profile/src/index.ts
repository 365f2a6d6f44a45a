export { openProfileComponent, type ProfileComponentOptions } from "./profile-component.js";
export type { ProfileContext } from "./context.js";
export type { Profile, ModeratedFieldName } from "./profile-entity.js";
export { TextRules } from "./text-rules.js";
export { allowedAgeRange, ageKeptInRange, MIN_AGE, MAX_AGE } from "./age-rules.js";
export { createProfile, type NewProfile } from "./operations/create-profile.js";
export { editProfile } from "./operations/edit-profile.js";
export { setLocation, setVisibility, setPrivacy } from "./operations/profile-settings.js";
export { moderateText, type ModerationDecision } from "./operations/moderate-text.js";
export { presentOwnProfile } from "./presenters/own-profile-presenter.js";
export { presentProfileView, distanceKm } from "./presenters/profile-view-presenter.js";
export * from "./location/index.js";
export { moderationPage } from "./presenters/moderation-page-presenter.js";
export { AttributeCatalog } from "./attributes/attribute-catalog.js";
export type { CatalogAttribute } from "./attributes/catalog-attribute.js";
export { matchesAttributeFilters, type CompiledAttributeFilters } from "./attributes/attribute-matcher.js";
export {
  DEFAULT_ATTRIBUTES_FILE,
  loadAttributeDefinitions,
  parseAttributeDefinitions,
} from "./attributes/load-attribute-definitions.js";
export { resetBrowse, nextBrowsePage } from "./operations/browse.js";
export { mutuallyWanted } from "./browse/mutual-match.js";
export { addFavorite, removeFavorite, favoritesOf } from "./operations/favorites.js";
export {
  currentStatistics,
  recordStatisticsDay,
  statisticsHistory,
} from "./statistics/statistics-service.js";
export { runDailyProfileTask } from "./operations/daily-profile-task.js";

import type {
  AttributeDefinitions,
  AutomaticSearchResults,
  AutomaticSearchSettings,
  BrowsePage,
  BrowseResetRequest,
  BrowseResetResponse,
  FavoritesResponse,
  LocationRequest,
  OwnProfile,
  PrivacySettings,
  ProfileEditRequest,
  ProfileResponse,
  ProfileStatistics,
  Visibility,
} from "@venus/model";
import { viaEither, type ApiContext, type ViaOption } from "./api-context.js";
import { routePath } from "./http-api.js";
import type { VersionBody } from "./wire-types.js";

/** `/profile/…` routes; browsing also over the socket (`profile.page.reset`, `profile.page.next`). */
export class ProfileMethods {
  constructor(private readonly ctx: ApiContext) {}

  /** `GET /profile/me`: the own profile (`409 invalid_state` before setup is complete). */
  me(): Promise<OwnProfile> {
    return this.ctx.http.get("/profile/me");
  }

  /** `GET /profile/{account_id}`; with `version`, `{unchanged: true}` when that is still current. */
  get(accountId: string, options: { version?: number } = {}): Promise<ProfileResponse> {
    return this.ctx.http.get(routePath`/profile/${accountId}`, { version: options.version });
  }

  /** `PUT /profile`: the whole editable profile; a changed name or text waits for moderation. */
  edit(request: ProfileEditRequest): Promise<OwnProfile> {
    return this.ctx.http.put("/profile", request);
  }

  /** `PUT /profile/location`. */
  setLocation(location: LocationRequest): Promise<VersionBody> {
    return this.ctx.http.put("/profile/location", location);
  }

  /** `PUT /profile/visibility`. */
  setVisibility(visibility: Visibility): Promise<VersionBody> {
    return this.ctx.http.put("/profile/visibility", { visibility });
  }

  /** `PUT /profile/privacy`. */
  setPrivacy(privacy: PrivacySettings): Promise<VersionBody> {
    return this.ctx.http.put("/profile/privacy", privacy);
  }

  /** `GET /profile/automatic_search/settings`: "new people near you" (default: off). */
  automaticSearchSettings(): Promise<AutomaticSearchSettings> {
    return this.ctx.http.get("/profile/automatic_search/settings");
  }

  /** `PUT /profile/automatic_search/settings`: days, window (local time) and filters. */
  setAutomaticSearchSettings(settings: AutomaticSearchSettings): Promise<AutomaticSearchSettings> {
    return this.ctx.http.put("/profile/automatic_search/settings", settings);
  }

  /** `GET /profile/automatic_search/results`: a page of the last run's finds, from `offset`. */
  automaticSearchResults(offset = 0): Promise<AutomaticSearchResults> {
    return this.ctx.http.get("/profile/automatic_search/results", { offset });
  }

  /** `POST /profile/page/reset` or `profile.page.reset`: a new browse session from the own location. */
  browseReset(request: BrowseResetRequest = {}, options: ViaOption = {}): Promise<BrowseResetResponse> {
    return viaEither(this.ctx, options, "profile.page.reset", "/profile/page/reset", request);
  }

  /** `POST /profile/page/next` or `profile.page.next`: the session's next page, nearest first. */
  browseNext(sessionId: string, options: ViaOption = {}): Promise<BrowsePage> {
    return viaEither(this.ctx, options, "profile.page.next", "/profile/page/next", { session_id: sessionId });
  }

  /** `GET /profile/attributes`: the questions and answers profiles choose from. */
  attributes(): Promise<AttributeDefinitions> {
    return this.ctx.http.get("/profile/attributes");
  }

  /** `GET /profile/favorites`. */
  favorites(): Promise<FavoritesResponse> {
    return this.ctx.http.get("/profile/favorites");
  }

  /** `PUT /profile/favorites/{account_id}`. */
  addFavorite(accountId: string): Promise<FavoritesResponse> {
    return this.ctx.http.put(routePath`/profile/favorites/${accountId}`);
  }

  /** `DELETE /profile/favorites/{account_id}`. */
  removeFavorite(accountId: string): Promise<FavoritesResponse> {
    return this.ctx.http.delete(routePath`/profile/favorites/${accountId}`);
  }

  /** `GET /profile/statistics`: public profiles by gender and age. */
  statistics(): Promise<ProfileStatistics> {
    return this.ctx.http.get("/profile/statistics");
  }
}

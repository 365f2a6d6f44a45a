import type { Static, TSchema } from "@sinclair/typebox";
import {
  setLocation,
  setPrivacy,
  setVisibility,
  type Profile,
  type ProfileContext,
} from "@venus/data-profile";
import { LocationRequest, PrivacySettings, VisibilityRequest, ProfileVersion } from "@venus/model";
import { json, userRoute, type ApiRoute } from "../../route.js";
import { ownProfile } from "./own-profile.js";

/** `PUT /profile/<setting>`: one setting of the caller's profile; answers the new profile version. */
function settingRoute<S extends TSchema>(
  setting: string,
  summary: string,
  body: S,
  apply: (ctx: ProfileContext, profile: Profile, body: Static<S>) => Promise<void>,
): ApiRoute {
  return userRoute(
    {
      method: "put",
      path: `/profile/${setting}`,
      summary,
      tag: "profile",
      body,
      errors: ["invalid_state"],
      responses: {
        200: { description: "Saved; the new profile version", schema: ProfileVersion },
      },
    },
    async ({ auth, body: value, deps }) => {
      const profile = ownProfile(deps, auth);
      await apply(deps.profile, profile, value);
      return json(200, { version: profile.version });
    },
  );
}

export const setLocationRoute = settingRoute(
  "location",
  "Set the exact location; others only ever see a distance in whole kilometres",
  LocationRequest,
  setLocation,
);

export const setVisibilityRoute = settingRoute(
  "visibility",
  "Public profiles are browsable; private ones only by the owner and admins",
  VisibilityRequest,
  (ctx, profile, body) => setVisibility(ctx, profile, body.visibility),
);

export const setPrivacyRoute = settingRoute(
  "privacy",
  "Whether others see the last-seen time and the online status",
  PrivacySettings,
  setPrivacy,
);

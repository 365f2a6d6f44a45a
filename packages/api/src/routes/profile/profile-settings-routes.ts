import { setLocation, setPrivacy, setVisibility } from "@venus/data-profile";
import { ErrorResponse, LocationRequest, PrivacySettings, VisibilityRequest } from "@venus/model";
import { json, userRoute } from "../../route.js";
import { ownProfile } from "./own-profile.js";
import { ProfileVersion } from "./profile-routes.js";

const responses = {
  200: { description: "Saved; the new profile version", schema: ProfileVersion },
  400: { description: "validation_failed", schema: ErrorResponse },
  409: { description: "invalid_state (setup not complete)", schema: ErrorResponse },
};

export const setLocationRoute = userRoute(
  {
    method: "put",
    path: "/profile/location",
    summary: "Set the exact location; others only ever see a distance in whole kilometres",
    tag: "profile",
    body: LocationRequest,
    responses,
  },
  async ({ auth, body, deps }) => {
    const profile = ownProfile(deps, auth);
    await setLocation(deps.profile, profile, body);
    return json(200, { version: profile.version });
  },
);

export const setVisibilityRoute = userRoute(
  {
    method: "put",
    path: "/profile/visibility",
    summary: "Public profiles are browsable; private ones only by the owner and admins",
    tag: "profile",
    body: VisibilityRequest,
    responses,
  },
  async ({ auth, body, deps }) => {
    const profile = ownProfile(deps, auth);
    await setVisibility(deps.profile, profile, body.visibility);
    return json(200, { version: profile.version });
  },
);

export const setPrivacyRoute = userRoute(
  {
    method: "put",
    path: "/profile/privacy",
    summary: "Whether others see the last-seen time and the online status",
    tag: "profile",
    body: PrivacySettings,
    responses,
  },
  async ({ auth, body, deps }) => {
    const profile = ownProfile(deps, auth);
    await setPrivacy(deps.profile, profile, body);
    return json(200, { version: profile.version });
  },
);

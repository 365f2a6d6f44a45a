import { Type, type TObject } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";
import type { ClientKind } from "../ws/frames.js";

/** A semantic version (semver.org 2.0.0), e.g. 1.4.0 or 2.0.0-beta.1. */
export const SEMVER_PATTERN =
  "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$";

const appVersions = (kind: string) =>
  configSection(`The ${kind} app.`, {
    min_version: Type.String({
      default: "0.0.0",
      pattern: SEMVER_PATTERN,
      maxLength: 32,
      description: `A ${kind} hello with an older client.version is refused (client_update_required, with this version); initial value of the runtime flag ${kind}_min_version.`,
    }),
    recommended_version: Type.String({
      default: "0.0.0",
      pattern: SEMVER_PATTERN,
      maxLength: 32,
      description: `A ${kind} client older than this is told in its welcome (update_available, with this version); initial value of the runtime flag ${kind}_recommended_version.`,
    }),
  });

export const clientsConfigSection = configSection(
  "App versions per client kind (hello.client.kind), compared as semantic versions.",
  {
    android: appVersions("android"),
    ios: appVersions("ios"),
    web: appVersions("web"),
    bot: appVersions("bot"),
  } satisfies Record<ClientKind, TObject>,
);

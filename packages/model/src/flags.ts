import { Type, type Static, type TSchema, type TString } from "@sinclair/typebox";
import { BotsFile } from "./config/bots-file.js";
import { MODERATION_RULE_FLAG_NAMES, moderationRuleFlagDefaults } from "./config/moderation-rule-flags.js";
import { VenusConfig } from "./config/venus-config.js";
import { CLIENT_KINDS, type ClientKind } from "./ws/frames.js";

const config = VenusConfig.properties;
const rules = BotsFile.properties.moderation.properties;

/** A flag's schema: the type and bounds of the config key it starts from, without that key's default. */
function fromConfig<T extends TSchema>(key: T, description: string): T {
  const { default: _default, ...schema } = key as T & { default?: unknown };
  return { ...schema, description } as T;
}

type AppVersionFlag<K extends ClientKind> = `${K}_min_version` | `${K}_recommended_version`;

/** The two app version flags of a client kind, from `clients.<kind>`. */
function appVersionFlags<K extends ClientKind>(kind: K): Record<AppVersionFlag<K>, TString> {
  const versions = config.clients.properties[kind].properties;
  return {
    [`${kind}_min_version`]: fromConfig(
      versions.min_version,
      `A ${kind} hello with an older client version is refused (clients.${kind}.min_version).`,
    ),
    [`${kind}_recommended_version`]: fromConfig(
      versions.recommended_version,
      `A ${kind} client older than this gets update_available in its welcome (clients.${kind}.recommended_version).`,
    ),
  } as Record<AppVersionFlag<K>, TString>;
}

/**
 * Runtime flags: stored in the database, changed by admins without a restart (`PUT /admin/flags/{name}`,
 * `venus admin flag set`). Each starts from its config key until it is first set.
 */
export const RuntimeFlags = Type.Object(
  {
    registration_enabled: fromConfig(
      config.account.properties.registration_enabled,
      "New accounts can register (account.registration_enabled).",
    ),
    remote_bot_login_enabled: fromConfig(
      config.bots.properties.remote_login_enabled,
      "Remote bot login is open; it also needs bots.remote_login_password (bots.remote_login_enabled).",
    ),
    local_bot_login_enabled: fromConfig(
      config.bots.properties.local_login,
      "The loopback bot listener is open for bots run by hand; it opens at once (bots.local_login).",
    ),
    local_user_bots: fromConfig(
      config.bots.properties.users,
      "User bots the server runs; the bot process restarts with the new count at once (bots.users).",
    ),
    moderation_bot_enabled: fromConfig(
      config.bots.properties.moderation_bot,
      "The server runs the moderation bot; the bot process restarts at once (bots.moderation_bot).",
    ),
    daily_likes: fromConfig(
      config.chat.properties.daily_likes,
      "Likes an account may send per UTC day, 0: unlimited (chat.daily_likes).",
    ),
    messages_per_day: fromConfig(
      config.chat.properties.messages_per_day,
      "Messages an account may send per UTC day (chat.messages_per_day).",
    ),
    uploads_per_day: fromConfig(
      config.media.properties.uploads_per_day,
      "Uploads an account may start per UTC day (media.uploads_per_day).",
    ),
    daily_page_resets: fromConfig(
      config.profile.properties.daily_page_resets,
      "New browsing sessions per account per UTC day (profile.daily_page_resets).",
    ),
    daily_pages: fromConfig(
      config.profile.properties.daily_pages,
      "Browse pages per account per UTC day (profile.daily_pages).",
    ),
    registrations_per_day: fromConfig(
      config.registration.properties.daily_cap,
      "New accounts per UTC day in all, 0: no cap (registration.daily_cap).",
    ),
    registrations_per_day_per_range: fromConfig(
      config.registration.properties.daily_cap_per_range,
      "New accounts per UTC day from one address range (IPv4 /24, IPv6 /48), 0: no cap (registration.daily_cap_per_range).",
    ),
    moderation_nudity_reject_above: fromConfig(
      rules.nudity_reject_above,
      "The moderation bot rejects images whose nudity score is above this; 1: off (bots file moderation.nudity_reject_above).",
    ),
    moderation_nudity_accept_below: fromConfig(
      rules.nudity_accept_below,
      "The moderation bot accepts profile images whose nudity score is below this when no rule rejects them; 0: off (bots file moderation.nudity_accept_below).",
    ),
    moderation_face_image_needs_face: fromConfig(
      rules.face_image_needs_face,
      "The moderation bot rejects a first profile image without a face (bots file moderation.face_image_needs_face).",
    ),
    moderation_face_image_one_face: fromConfig(
      rules.face_image_one_face,
      "The moderation bot rejects a first profile image with more than one face (bots file moderation.face_image_one_face).",
    ),
    moderation_selfie_needs_face: fromConfig(
      rules.selfie_needs_face,
      "The moderation bot rejects a security selfie without a face (bots file moderation.selfie_needs_face).",
    ),
    ...appVersionFlags("android"),
    ...appVersionFlags("ios"),
    ...appVersionFlags("web"),
    ...appVersionFlags("bot"),
  },
  { additionalProperties: false },
);
export type RuntimeFlags = Static<typeof RuntimeFlags>;
export type RuntimeFlagName = keyof RuntimeFlags;
export const RUNTIME_FLAG_NAMES = Object.keys(RuntimeFlags.properties) as RuntimeFlagName[];

/** The moderation rule flags' values, as the server passes them to its bot process. */
export const ModerationRuleFlagValues = Type.Pick(RuntimeFlags, MODERATION_RULE_FLAG_NAMES);
export type ModerationRuleFlagValues = Static<typeof ModerationRuleFlagValues>;

/** Each flag's value before it is first set: its config key, or for a rule flag the bots file's rule. */
export function runtimeFlagDefaults(
  venusConfig: VenusConfig,
  moderationRules: BotsFile["moderation"],
): RuntimeFlags {
  const { account, bots, chat, clients, media, profile, registration } = venusConfig;
  const versions = Object.fromEntries(
    CLIENT_KINDS.flatMap((kind) => [
      [`${kind}_min_version`, clients[kind].min_version],
      [`${kind}_recommended_version`, clients[kind].recommended_version],
    ]),
  ) as Pick<RuntimeFlags, AppVersionFlag<ClientKind>>;
  return {
    registration_enabled: account.registration_enabled,
    registrations_per_day: registration.daily_cap,
    registrations_per_day_per_range: registration.daily_cap_per_range,
    remote_bot_login_enabled: bots.remote_login_enabled,
    local_bot_login_enabled: bots.local_login,
    local_user_bots: bots.users,
    moderation_bot_enabled: bots.moderation_bot,
    daily_likes: chat.daily_likes,
    messages_per_day: chat.messages_per_day,
    uploads_per_day: media.uploads_per_day,
    daily_page_resets: profile.daily_page_resets,
    daily_pages: profile.daily_pages,
    ...moderationRuleFlagDefaults(moderationRules),
    ...versions,
  };
}

/** The current flags, as the components that enforce them read them (the account component's store). */
export interface RuntimeFlagReader {
  get<N extends RuntimeFlagName>(name: N): RuntimeFlags[N];
}

export const SetFlagRequest = Type.Object({ value: Type.Unknown() }, { additionalProperties: false });
export type SetFlagRequest = Static<typeof SetFlagRequest>;

/**
 * The flags a client's behaviour depends on (`GET /account/client_config`, and the data of the
 * `client_config_changed` event pushed to every connection when one of them changes).
 */
export const ClientConfig = Type.Pick(RuntimeFlags, [
  "registration_enabled",
  "daily_likes",
  "messages_per_day",
  "uploads_per_day",
  "daily_page_resets",
  "daily_pages",
  ...CLIENT_KINDS.flatMap((kind) => [`${kind}_min_version`, `${kind}_recommended_version`] as const),
]);
export type ClientConfig = Static<typeof ClientConfig>;
export const CLIENT_CONFIG_FLAGS = Object.keys(ClientConfig.properties) as (keyof ClientConfig)[];

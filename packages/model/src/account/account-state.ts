import { Type, type Static } from "@sinclair/typebox";
import { AccountDeletion } from "./deletion-export-schemas.js";

export const ACCOUNT_STATES = ["initial_setup", "normal", "banned", "pending_deletion"] as const;
export const AccountState = Type.Union(
  ACCOUNT_STATES.map((s) => Type.Literal(s)),
  { description: "Lifecycle state of an account." },
);
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** Named admin permissions; the admin bootstrap grants all of them. */
export const PERMISSIONS = [
  "moderate_images",
  "moderate_texts",
  "process_reports",
  "ban",
  "delete",
  "view_private_profiles",
  "edit_config",
  "view_statistics",
  "manage_admins",
  "use_manager_api",
  "view_accounts",
  "manage_news",
  "email_users",
] as const;
export const Permission = Type.Union(PERMISSIONS.map((p) => Type.Literal(p)));
export type Permission = (typeof PERMISSIONS)[number];

/** Why and until when an account is banned: shown to its owner. */
export const AccountBan = Type.Object({
  until: Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
    description: "When the daily task lifts the ban (ISO time, UTC); null: until an admin lifts it.",
  }),
  reason: Type.String({ description: "The reason the admin gave, for the account's owner to read." }),
});
export type AccountBan = Static<typeof AccountBan>;

export const AccountStateResponse = Type.Object({
  state: AccountState,
  permissions: Type.Array(Permission),
  sync_version: Type.Integer({
    description: "Version of the account state, as sent in the WebSocket sync.",
  }),
  ban: Type.Optional(AccountBan),
  deletion: Type.Optional(AccountDeletion),
  language: Type.Optional(
    Type.String({
      description: "The language the owner chose (PUT /account/language); absent: the server's default.",
    }),
  ),
});
export type AccountStateResponse = Static<typeof AccountStateResponse>;

export const SetAccountLanguageRequest = Type.Object(
  {
    language: Type.Union(
      [Type.String({ pattern: "^[a-z]{2,3}$", description: "e.g. en, fi" }), Type.Null()],
      {
        description:
          "A language the server's mail templates have (a 400 lists them), or null for the server's default.",
      },
    ),
  },
  { additionalProperties: false },
);
export type SetAccountLanguageRequest = Static<typeof SetAccountLanguageRequest>;

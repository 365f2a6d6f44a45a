import { Type, type Static } from "@sinclair/typebox";

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
] as const;
export const Permission = Type.Union(PERMISSIONS.map((p) => Type.Literal(p)));
export type Permission = (typeof PERMISSIONS)[number];

export const AccountStateResponse = Type.Object({
  state: AccountState,
  permissions: Type.Array(Permission),
  sync_version: Type.Integer({
    description: "Version of the account state, as sent in the WebSocket sync.",
  }),
});
export type AccountStateResponse = Static<typeof AccountStateResponse>;

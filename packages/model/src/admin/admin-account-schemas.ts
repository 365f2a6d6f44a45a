import { Type, type Static } from "@sinclair/typebox";
import { AccountBan, AccountState, Permission } from "../account/account-state.js";
import { AccountDeletion } from "../account/deletion-export-schemas.js";
import { AccountId } from "../ids.js";

/** An account as admins with `view_accounts` see it (`GET /admin/accounts/…`). */
export const AdminAccountView = Type.Object({
  account_id: AccountId,
  email: Type.String(),
  state: AccountState,
  locked: Type.Boolean({ description: "A locked account cannot log in." }),
  ban: Type.Union([AccountBan, Type.Null()], { description: "Set while the account is banned." }),
  deletion: Type.Optional(AccountDeletion),
  permissions: Type.Array(Permission),
  bot: Type.Boolean(),
  created_at: Type.Integer({ description: "Unix milliseconds." }),
  last_seen_at: Type.Union([Type.Integer(), Type.Null()], {
    description: "Unix milliseconds of the last WebSocket connect or disconnect; null: never connected.",
  }),
  online: Type.Boolean(),
  sessions: Type.Integer({ description: "Signed-in devices (sessions) the account has now." }),
});
export type AdminAccountView = Static<typeof AdminAccountView>;

export const AdminList = Type.Object({
  admins: Type.Array(AdminAccountView, { description: "Every account with a permission, by email." }),
});
export type AdminList = Static<typeof AdminList>;

export const SetPermissionsRequest = Type.Object(
  {
    permissions: Type.Array(Permission, {
      uniqueItems: true,
      description: "The account's whole set of permissions after the change.",
    }),
  },
  { additionalProperties: false },
);
export type SetPermissionsRequest = Static<typeof SetPermissionsRequest>;

export const BanRequest = Type.Object(
  {
    until: Type.Optional(
      Type.Union([Type.String({ format: "date-time" }), Type.Null()], {
        description: "When the ban ends (a future ISO time); absent or null: until an admin lifts it.",
      }),
    ),
    reason: Type.String({
      minLength: 1,
      description: "Shown to the account's owner; at most admin.ban_reason_max_bytes UTF-8 bytes.",
    }),
  },
  { additionalProperties: false },
);
export type BanRequest = Static<typeof BanRequest>;

export const SessionsEndedResponse = Type.Object({
  sessions_ended: Type.Integer({ description: "Sessions (signed-in devices) that ended." }),
});
export type SessionsEndedResponse = Static<typeof SessionsEndedResponse>;

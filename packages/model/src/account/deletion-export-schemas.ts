import { Type, type Static } from "@sinclair/typebox";
import { AccountId } from "../ids.js";
import { Password } from "./account-requests.js";

/** When a self-requested deletion happens; shown while the account is `pending_deletion`. */
export const AccountDeletion = Type.Object({
  at: Type.String({
    format: "date-time",
    description:
      "When the daily task deletes the account (ISO time, UTC); until then POST /account/delete/cancel keeps it.",
  }),
});
export type AccountDeletion = Static<typeof AccountDeletion>;

export const DeleteAccountRequest = Type.Object(
  { password: Type.Optional(Password) },
  {
    additionalProperties: false,
    description:
      "password: the account's password; required unless the account has none (bots, and accounts made by a provider or an email code).",
  },
);
export type DeleteAccountRequest = Static<typeof DeleteAccountRequest>;

/** `POST /admin/accounts/{id}/delete`: the account and everything of it are gone. */
export const AccountDeletedResponse = Type.Object({
  account_id: AccountId,
  deleted: Type.Literal(true),
});
export type AccountDeletedResponse = Static<typeof AccountDeletedResponse>;

export const DATA_EXPORT_STATES = ["none", "building", "ready", "expired"] as const;
export type DataExportState = (typeof DATA_EXPORT_STATES)[number];

/** `GET /account/export` (and the answer of `POST /account/export`). */
export const DataExportStatus = Type.Object({
  state: Type.Union(
    DATA_EXPORT_STATES.map((s) => Type.Literal(s)),
    {
      description:
        "none: nothing to download (never asked, already downloaded, or the build failed); building; ready: download it once; expired: not downloaded in time.",
    },
  ),
  requested_at: Type.Optional(Type.String({ format: "date-time", description: "When it was asked for." })),
  expires_at: Type.Optional(
    Type.String({ format: "date-time", description: "Ready or expired: when the archive is (was) removed." }),
  ),
});
export type DataExportStatus = Static<typeof DataExportStatus>;

/** The data of the `data_export_ready` event. */
export const DataExportReady = Type.Object({
  expires_at: Type.String({ format: "date-time", description: "Download it before this time." }),
});
export type DataExportReady = Static<typeof DataExportReady>;

import { Type, type Static } from "@sinclair/typebox";
import { AdminAccountView } from "./admin-account-schemas.js";

/** `venus admin` commands; on the admin listener each is `POST /cli/<name>` with its arguments as JSON. */
export const ADMIN_COMMANDS = [
  "grant-admin",
  "reset-password",
  "activate",
  "lock",
  "ban",
  "flag-list",
  "flag-get",
  "flag-set",
  "stats",
] as const;
export type AdminCommandName = (typeof ADMIN_COMMANDS)[number];

/** The `admin_id` the audit log gives actions taken with `venus admin`: the command line has no account. */
export const COMMAND_LINE_ADMIN_ID = "00000000-0000-0000-0000-000000000000";

const Email = Type.String({
  minLength: 1,
  description: "The account's email (normalized as at registration).",
});

export const EmailArguments = Type.Object({ email: Email }, { additionalProperties: false });
export type EmailArguments = Static<typeof EmailArguments>;

export const ResetPasswordArguments = Type.Object(
  {
    email: Email,
    password: Type.Optional(
      Type.String({ description: "The new password; absent: a one-time password is generated." }),
    ),
  },
  { additionalProperties: false },
);
export type ResetPasswordArguments = Static<typeof ResetPasswordArguments>;

export const ResetPasswordResult = Type.Object({
  account: AdminAccountView,
  password: Type.Union([Type.String(), Type.Null()], {
    description: "The generated one-time password; null when the caller gave one.",
  }),
  sessions_ended: Type.Integer(),
});
export type ResetPasswordResult = Static<typeof ResetPasswordResult>;

export const CommandBanArguments = Type.Object(
  {
    email: Email,
    reason: Type.Optional(Type.String({ minLength: 1, description: "Shown to the user." })),
    until: Type.Optional(Type.Union([Type.String({ format: "date-time" }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CommandBanArguments = Static<typeof CommandBanArguments>;

export const FlagNameArguments = Type.Object({ name: Type.String() }, { additionalProperties: false });
export type FlagNameArguments = Static<typeof FlagNameArguments>;

export const FlagSetArguments = Type.Object(
  { name: Type.String(), value: Type.Unknown() },
  { additionalProperties: false },
);
export type FlagSetArguments = Static<typeof FlagSetArguments>;

export const FlagValue = Type.Object({ name: Type.String(), value: Type.Unknown() });
export type FlagValue = Static<typeof FlagValue>;

const Count = Type.Integer({ minimum: 0 });

/** `venus admin stats`: counts over what the server holds in memory, now. */
export const ServerCounts = Type.Object({
  accounts: Type.Object({
    total: Count,
    initial_setup: Count,
    normal: Count,
    banned: Count,
    pending_deletion: Count,
    locked: Count,
    bots: Count,
    admins: Type.Integer({ minimum: 0, description: "Accounts holding any permission (bots left out)." }),
  }),
  online: Type.Object({ accounts: Count, connections: Count }),
  profiles: Type.Object({ total: Count, listed: Type.Integer({ description: "In browsing now." }) }),
  images: Type.Object({ total: Count, awaiting_moderation: Count }),
  texts_awaiting_moderation: Count,
  matches: Count,
  likes_waiting: Type.Integer({ description: "Likes not (yet) answered with a like back." }),
});
export type ServerCounts = Static<typeof ServerCounts>;

import { Type, type Static } from "@sinclair/typebox";

/** What one run of the daily task changed (`POST /admin/daily_task/run`, and the log). */
export const DailyTaskReport = Type.Object({
  ages_changed: Type.Integer({ description: "Profiles whose age moved into its allowed range." }),
  content_purged: Type.Integer({ description: "Deleted content whose files were wiped." }),
  bans_lifted: Type.Integer({ description: "Bans whose end time had passed." }),
  sessions_logged_out: Type.Integer({
    description: "Sessions unused for longer than account.inactive_logout_days.",
  }),
  accounts_deleted: Type.Integer({
    description: "Accounts whose deletion wait (account.deletion_wait_days) had passed, now deleted.",
  }),
  exports_removed: Type.Integer({
    description: "Data export archives not downloaded within account.export_ttl_hours.",
  }),
  history_pruned: Type.Integer({
    description:
      "Statistics history rows older than statistics.history_days or statistics.account_history_days.",
  }),
  unused_accounts_warned: Type.Integer({
    description: "Accounts unused for tidy_up.unused_account_days that got the warning mail now.",
  }),
  unused_accounts_to_delete: Type.Integer({
    description: "Warned accounts still unused after tidy_up.warning_days, now in the deletion wait.",
  }),
  unused_content_deleted: Type.Integer({
    description:
      "Content items neither in the profile nor the selfie, uploaded over tidy_up.unused_content_days ago, now deleted.",
  }),
});
export type DailyTaskReport = Static<typeof DailyTaskReport>;

import { Type, type Static } from "@sinclair/typebox";

/**
 * The mails Venus sends, each with the placeholders its template may use (mustache `{{name}}`).
 * Every template may also use `app_name`.
 */
export const MAIL_TEMPLATES = {
  email_login_code: ["code", "minutes"],
  email_registration_code: ["code", "minutes"],
  password_reset_code: ["code", "minutes"],
  email_verification: ["code", "link", "hours"],
  email_change_verification: ["code", "link", "hours", "old_email"],
  email_changed_notice: ["new_email"],
  /** `signed_out` is a section: non-empty when the other devices were signed out with the change. */
  password_changed_notice: ["time", "signed_out"],
  /** The tidy-up's warning to an account unused for tidy_up.unused_account_days. */
  unused_account_warning: ["days", "deletion_days"],
  /** `messages` and `likes` are counts, empty when none (usable as sections). */
  activity_reminder: ["messages", "likes", "unsubscribe_link"],
} as const;
export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
export type MailTemplate = Static<typeof Template>;

const Template = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 300 }),
    text: Type.String({ minLength: 1, maxLength: 20000 }),
  },
  { additionalProperties: false },
);

const LanguageTemplates = Type.Object(
  {
    email_login_code: Type.Optional(Template),
    email_registration_code: Type.Optional(Template),
    password_reset_code: Type.Optional(Template),
    email_verification: Type.Optional(Template),
    email_change_verification: Type.Optional(Template),
    email_changed_notice: Type.Optional(Template),
    password_changed_notice: Type.Optional(Template),
    unused_account_warning: Type.Optional(Template),
    activity_reminder: Type.Optional(Template),
  },
  { additionalProperties: false },
);

/** An email templates file: `[<language>.<template>]` tables with `subject` and `text`. */
export const EmailTemplatesFile = Type.Record(Type.String({ pattern: "^[a-z]{2,3}$" }), LanguageTemplates, {
  additionalProperties: false,
});
export type EmailTemplatesFile = Static<typeof EmailTemplatesFile>;

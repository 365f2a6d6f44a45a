import type { SignInTexts } from "@venus/web-shared";
import type { Translator } from "../i18n/i18n.js";

/** The shared sign-in form's words from the page's message files. */
export const signInTexts = (t: Translator["t"]): SignInTexts => ({
  with_password: t("sign_in.with_password"),
  with_code: t("sign_in.with_code"),
  enter_code: t("sign_in.enter_code"),
  email: t("sign_in.email"),
  password: t("sign_in.password"),
  submit: t("sign_in.submit"),
  code_instead: t("sign_in.code_instead"),
  send_code: t("sign_in.send_code"),
  use_password: t("sign_in.use_password"),
  code_sent: t("sign_in.code_sent"),
  code: t("sign_in.code"),
  wrong_password: t("sign_in.wrong_password"),
});

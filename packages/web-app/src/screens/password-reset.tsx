import type { EmailLoginStarted, PasswordResetConfirmRequest, SignInResponse } from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "./use-action.js";

const field = (form: EventTarget | null, name: string) =>
  ((form as HTMLFormElement).elements.namedItem(name) as HTMLInputElement).value;

/**
 * A forgotten password: a code mailed to the address, typed in with a new password. The reset ends
 * every session of the account and signs this device in.
 */
export function PasswordReset({ session, onBack }: { session: Session; onBack: () => void }) {
  const t = useT();
  const [sent, setSent] = useState<{ clientToken: string; email: string }>();
  const { busy, error, run } = useAction();
  const language = document.documentElement.lang;

  const request = (event: Event) => {
    event.preventDefault();
    const email = field(event.currentTarget, "email");
    void run(async () => {
      const started = await session.api.anonymous<EmailLoginStarted>(
        "POST",
        "/account/password_reset/request",
        {
          email,
          language,
        },
      );
      setSent({ clientToken: started.client_token, email });
    });
  };
  const confirm = (event: Event) => {
    event.preventDefault();
    if (!sent) return;
    const body: PasswordResetConfirmRequest = {
      client_token: sent.clientToken,
      code: field(event.currentTarget, "code"),
      new_password: field(event.currentTarget, "password"),
      language,
    };
    void run(async () =>
      session.begin(
        await session.api.anonymous<SignInResponse>("POST", "/account/password_reset/confirm", body),
      ),
    );
  };

  return (
    <main class="sign-in">
      <h2>{t("reset.title")}</h2>
      {sent ? (
        <form aria-label={t("reset.title")} onSubmit={confirm}>
          <p>{t("reset.sent", { email: sent.email })}</p>
          <label>
            {t("reset.code")}{" "}
            <input name="code" inputMode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required />
          </label>
          <label>
            {t("reset.new_password")}{" "}
            <input name="password" type="password" autocomplete="new-password" minLength={8} required />
          </label>
          <p class="hint">{t("reset.signs_out")}</p>
          <button type="submit" disabled={busy}>
            {t("reset.submit")}
          </button>
        </form>
      ) : (
        <form aria-label={t("reset.title")} onSubmit={request}>
          <p>{t("reset.text")}</p>
          <label>
            {t("field.email")} <input name="email" type="email" autocomplete="username" required />
          </label>
          <button type="submit" disabled={busy}>
            {t("reset.send")}
          </button>
        </form>
      )}
      <ErrorLine error={error} />
      <button type="button" class="link" onClick={onBack}>
        {t("reset.back")}
      </button>
    </main>
  );
}

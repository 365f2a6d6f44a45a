import type { EmailChangeRequest, EmailConfirmRequest, SignInMethods } from "@venus/model";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "./use-action.js";

const value = (event: Event, name: string) =>
  ((event.currentTarget as HTMLFormElement).elements.namedItem(name) as HTMLInputElement).value;

/**
 * A new address: asked for (a code and a link are mailed there), then confirmed with the code;
 * until then the old one stays, and the change can be dropped.
 */
export function EmailChange({
  methods,
  onChange,
}: {
  methods: SignInMethods;
  onChange(next: SignInMethods): void;
}) {
  const t = useT();
  const { session } = useApp();
  const { busy, error, run } = useAction();
  const pending = methods.pending_email_change;
  const ask = (event: Event) => {
    event.preventDefault();
    const body: EmailChangeRequest = {
      email: value(event, "email"),
      language: document.documentElement.lang,
    };
    void run(async () => onChange(await session.api.post<SignInMethods>("/account/email/change", body)));
  };
  const confirm = (event: Event) => {
    event.preventDefault();
    const body: EmailConfirmRequest = { code: value(event, "code") };
    void run(async () => onChange(await session.api.post<SignInMethods>("/account/email/confirm", body)));
  };
  return (
    <div class="email-change">
      <h3>{t("email_change.title")}</h3>
      {pending ? (
        <form aria-label={t("email_change.title")} onSubmit={confirm}>
          <p>{t("email_change.pending", { email: pending.email })}</p>
          <label>
            {t("email_change.code")}{" "}
            <input name="code" inputMode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required />
          </label>
          <button type="submit" disabled={busy}>
            {t("email_change.confirm")}
          </button>
          <button
            type="button"
            class="link"
            disabled={busy}
            onClick={() =>
              void run(async () => onChange(await session.api.delete<SignInMethods>("/account/email/change")))
            }
          >
            {t("email_change.cancel")}
          </button>
        </form>
      ) : (
        <form aria-label={t("email_change.title")} onSubmit={ask}>
          <label>
            {t("email_change.new")} <input name="email" type="email" autocomplete="email" required />
          </label>
          <button type="submit" disabled={busy}>
            {t("email_change.submit")}
          </button>
        </form>
      )}
      <ErrorLine error={error} />
    </div>
  );
}

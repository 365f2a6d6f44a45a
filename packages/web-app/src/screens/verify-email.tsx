import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "./use-action.js";

/** Until the address is verified: the six-digit code from the verification mail, or a new mail. */
export function VerifyEmail() {
  const t = useT();
  const { session } = useApp();
  const [methods, setMethods] = useState<{ email: string | null; email_verified: boolean }>();
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  useEffect(() => {
    void session.api.get<typeof methods>("/account/sign_in_methods").then(setMethods);
  }, []);
  if (!methods?.email || methods.email_verified) return null;
  const confirm = (event: Event) => {
    event.preventDefault();
    const code = ((event.currentTarget as HTMLFormElement).elements.namedItem("code") as HTMLInputElement)
      .value;
    void run(async () => setMethods(await session.api.post("/account/email/confirm", { code })));
  };
  return (
    <section class="card verify" aria-labelledby="verify-title">
      <h2 id="verify-title">{t("verify.title")}</h2>
      <p>{t("verify.text", { email: methods.email })}</p>
      <form onSubmit={confirm} class="inline">
        <label>
          {t("verify.code")}{" "}
          <input name="code" inputMode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required />
        </label>
        <button type="submit" disabled={busy}>
          {t("verify.submit")}
        </button>
      </form>
      <button
        type="button"
        class="link"
        disabled={busy || sent}
        onClick={() =>
          void run(async () => (await session.api.post("/account/email/verification", {}), setSent(true)))
        }
      >
        {sent ? t("verify.sent") : t("verify.resend")}
      </button>
      <ErrorLine error={error} />
    </section>
  );
}

import { SignInForm, type Session } from "@venus/web-shared";
import { useState } from "preact/hooks";
import { useT } from "../i18n/use-t.js";
import { ProviderButtons } from "../oidc/provider-buttons.js";
import { PasswordReset } from "./password-reset.js";
import { signInTexts } from "./sign-in-texts.js";
import { ErrorLine, useAction } from "./use-action.js";

const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement).value;

/** Creating an account or signing in (password or an emailed code). */
export function GetIn({ session }: { session: Session }) {
  const t = useT();
  const [mode, setMode] = useState<"register" | "sign_in" | "reset">("register");
  const { busy, error, run } = useAction();
  const register = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const email = field(form, "email");
    const password = field(form, "password");
    void run(async () => {
      await session.api.anonymous("POST", "/account/register", {
        email,
        password,
        language: document.documentElement.lang,
        client: session.client,
      });
      await session.signInWithPassword(email, password);
    });
  };
  return (
    <div class="get-in">
      <header class="brand">
        <img src="/icon.svg" alt="" width={56} height={56} />
        <h1>{t("app.name")}</h1>
        <p>{t("app.tagline")}</p>
      </header>
      <ProviderButtons session={session} />
      {mode === "register" ? (
        <main class="sign-in">
          <h2>{t("register.title")}</h2>
          <form aria-label={t("register.title")} onSubmit={register}>
            <label>
              {t("field.email")} <input name="email" type="email" autocomplete="username" required />
            </label>
            <label>
              {t("field.password")}{" "}
              <input name="password" type="password" autocomplete="new-password" minLength={8} required />
            </label>
            <button type="submit" disabled={busy}>
              {t("register.submit")}
            </button>
          </form>
          <ErrorLine error={error} />
          <button type="button" class="link" onClick={() => setMode("sign_in")}>
            {t("register.have_account")}
          </button>
        </main>
      ) : mode === "reset" ? (
        <PasswordReset session={session} onBack={() => setMode("sign_in")} />
      ) : (
        <>
          <SignInForm session={session} title={t("sign_in.title")} texts={signInTexts(t)} />
          <div class="switches">
            <button type="button" class="link" onClick={() => setMode("reset")}>
              {t("reset.forgot")}
            </button>
            <button type="button" class="link" onClick={() => setMode("register")}>
              {t("sign_in.new_here")}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

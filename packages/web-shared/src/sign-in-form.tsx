import { useState } from "preact/hooks";
import { ApiError } from "./api-error.js";
import type { Session } from "./session.js";

type Step = { kind: "password" } | { kind: "email" } | { kind: "code"; clientToken: string; email: string };

/** The form's words; the console uses these, the web app its message files' (`{email}` is filled in). */
export const SIGN_IN_TEXTS = {
  with_password: "Sign in with password",
  with_code: "Sign in with an emailed code",
  enter_code: "Enter the emailed code",
  email: "Email",
  password: "Password",
  submit: "Sign in",
  code_instead: "Email me a code instead",
  send_code: "Send code",
  use_password: "Use a password",
  code_sent: "A code was sent to {email} if it has an account.",
  code: "Code",
  wrong_password: "Wrong email or password.",
};
export type SignInTexts = typeof SIGN_IN_TEXTS;

/** Sign-in with a password or with a code sent by email (docs/sign-in.md). */
export function SignInForm({
  session,
  title,
  texts = SIGN_IN_TEXTS,
}: {
  session: Session;
  title: string;
  texts?: SignInTexts;
}) {
  const message = (error: unknown): string => {
    if (error instanceof ApiError)
      return error.code === "invalid_credentials" ? texts.wrong_password : error.message;
    return String(error);
  };
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = (work: () => Promise<void>) => async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(message(failure));
    } finally {
      setBusy(false);
    }
  };
  const field = (form: EventTarget | null, name: string) =>
    ((form as HTMLFormElement).elements.namedItem(name) as HTMLInputElement).value;

  return (
    <main class="sign-in">
      <h1>{title}</h1>
      {step.kind === "password" && (
        <form
          aria-label={texts.with_password}
          onSubmit={(event) =>
            run(() =>
              session.signInWithPassword(
                field(event.currentTarget, "email"),
                field(event.currentTarget, "password"),
              ),
            )(event)
          }
        >
          <label>
            {texts.email} <input name="email" type="email" autocomplete="username" required />
          </label>
          <label>
            {texts.password}{" "}
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit" disabled={busy}>
            {texts.submit}
          </button>
          <button type="button" class="link" onClick={() => setStep({ kind: "email" })}>
            {texts.code_instead}
          </button>
        </form>
      )}
      {step.kind === "email" && (
        <form
          aria-label={texts.with_code}
          onSubmit={(event) => {
            const email = field(event.currentTarget, "email");
            return run(async () => {
              const started = await session.requestEmailCode(email);
              setStep({ kind: "code", clientToken: started.client_token, email });
            })(event);
          }}
        >
          <label>
            {texts.email} <input name="email" type="email" autocomplete="username" required />
          </label>
          <button type="submit" disabled={busy}>
            {texts.send_code}
          </button>
          <button type="button" class="link" onClick={() => setStep({ kind: "password" })}>
            {texts.use_password}
          </button>
        </form>
      )}
      {step.kind === "code" && (
        <form
          aria-label={texts.enter_code}
          onSubmit={(event) =>
            run(() => session.verifyEmailCode(step.clientToken, field(event.currentTarget, "code")))(event)
          }
        >
          <p>{texts.code_sent.replace("{email}", step.email)}</p>
          <label>
            {texts.code}{" "}
            <input name="code" inputMode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required />
          </label>
          <button type="submit" disabled={busy}>
            {texts.submit}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </main>
  );
}

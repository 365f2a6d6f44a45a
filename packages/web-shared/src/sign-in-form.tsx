import { useState } from "preact/hooks";
import { ApiError } from "./api-error.js";
import type { Session } from "./session.js";

type Step = { kind: "password" } | { kind: "email" } | { kind: "code"; clientToken: string; email: string };

function message(error: unknown): string {
  if (error instanceof ApiError)
    return error.code === "invalid_credentials" ? "Wrong email or password." : error.message;
  return String(error);
}

/** Sign-in with a password or with a code sent by email (docs/sign-in.md). */
export function SignInForm({ session, title }: { session: Session; title: string }) {
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
          aria-label="Sign in with password"
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
            Email <input name="email" type="email" autocomplete="username" required />
          </label>
          <label>
            Password <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
          <button type="button" class="link" onClick={() => setStep({ kind: "email" })}>
            Email me a code instead
          </button>
        </form>
      )}
      {step.kind === "email" && (
        <form
          aria-label="Sign in with an emailed code"
          onSubmit={(event) => {
            const email = field(event.currentTarget, "email");
            return run(async () => {
              const started = await session.requestEmailCode(email);
              setStep({ kind: "code", clientToken: started.client_token, email });
            })(event);
          }}
        >
          <label>
            Email <input name="email" type="email" autocomplete="username" required />
          </label>
          <button type="submit" disabled={busy}>
            Send code
          </button>
          <button type="button" class="link" onClick={() => setStep({ kind: "password" })}>
            Use a password
          </button>
        </form>
      )}
      {step.kind === "code" && (
        <form
          aria-label="Enter the emailed code"
          onSubmit={(event) =>
            run(() => session.verifyEmailCode(step.clientToken, field(event.currentTarget, "code")))(event)
          }
        >
          <p>A code was sent to {step.email} if it has an account.</p>
          <label>
            Code{" "}
            <input name="code" inputMode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required />
          </label>
          <button type="submit" disabled={busy}>
            Sign in
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

import type { OidcSignInRequest, SignInMethods, SignInProvider, SignInProvidersResponse } from "@venus/model";
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app-context.js";
import { useT } from "../i18n/use-t.js";
import { providerLabel } from "../oidc/provider-label.js";
import { providerReturn, redirectToProvider } from "../oidc/provider-redirect.js";
import { EmailChange } from "./email-change.js";
import { ErrorLine, useAction } from "./use-action.js";

/**
 * How the account signs in: its address (and changing it), whether it has a password, and the
 * providers the server offers on the web, each linked (unlink) or not (link: a redirect to the
 * provider, whose ID token comes back to `POST /account/sign_in_methods/oidc`).
 */
export function SignInMethodsCard() {
  const t = useT();
  const { session } = useApp();
  const [methods, setMethods] = useState<SignInMethods>();
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  const { busy, error, setError, run } = useAction();
  const load = () => void session.api.get<SignInMethods>("/account/sign_in_methods").then(setMethods);
  useEffect(() => {
    load();
    void session.api
      .get<SignInProvidersResponse>("/account/sign_in_providers")
      .then((answer) => setProviders(answer.providers.filter((provider) => provider.web)));
    const answer = providerReturn("link");
    if (answer && "error" in answer) setError(t("providers.failed"));
    else if (answer) {
      const body: OidcSignInRequest = {
        provider: answer.provider,
        id_token: answer.idToken,
        nonce: answer.nonce,
      };
      void run(async () =>
        setMethods(await session.api.post<SignInMethods>("/account/sign_in_methods/oidc", body)),
      );
    }
    return session.socket.on("sign_in_methods_changed", load);
  }, []);
  if (!methods) return null;
  const unlink = (name: string) =>
    run(async () =>
      setMethods(
        await session.api.delete<SignInMethods>(`/account/sign_in_methods/oidc/${encodeURIComponent(name)}`),
      ),
    );
  return (
    <section class="card" aria-labelledby="methods-title">
      <h2 id="methods-title">{t("methods.title")}</h2>
      <ul class="methods">
        <li>
          {t("methods.email", { email: methods.email })}
          {!methods.email_verified && ` (${t("methods.unverified")})`}
        </li>
        <li>{methods.password ? t("methods.password") : t("methods.no_password")}</li>
        {providers.map((provider) => {
          const label = providerLabel(provider.name);
          const linked = methods.oidc.find((identity) => identity.provider === provider.name);
          return (
            <li key={provider.name}>
              {linked ? (
                <>
                  {t("methods.linked", { provider: label, email: linked.email })}{" "}
                  <button
                    type="button"
                    class="small"
                    disabled={busy}
                    onClick={() => void unlink(provider.name)}
                  >
                    {t("methods.unlink", { provider: label })}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void redirectToProvider(provider, "link")}
                >
                  {t("methods.link", { provider: label })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorLine error={error} />
      <EmailChange methods={methods} onChange={setMethods} />
    </section>
  );
}

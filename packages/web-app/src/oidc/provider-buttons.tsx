import type {
  OidcSignInRequest,
  SignInProvider,
  SignInProvidersResponse,
  SignInResponse,
} from "@venus/model";
import type { Session } from "@venus/web-shared";
import { useEffect, useState } from "preact/hooks";
import { useT } from "../i18n/use-t.js";
import { ErrorLine, useAction } from "../screens/use-action.js";
import { providerLabel } from "./provider-label.js";
import { providerReturn, redirectToProvider } from "./provider-redirect.js";

/**
 * "Sign in with …" for each provider the server lists with a web sign-in (none when it lists none);
 * back from the provider, the ID token signs in (or registers) at `POST /account/sign_in/oidc`.
 */
export function ProviderButtons({ session }: { session: Session }) {
  const t = useT();
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    void session.api
      .anonymous<SignInProvidersResponse>("GET", "/account/sign_in_providers")
      .then((answer) => setProviders(answer.providers.filter((provider) => provider.web)));
    const answer = providerReturn("sign_in");
    if (answer && "error" in answer) setError(t("providers.failed"));
    else if (answer) {
      const body: OidcSignInRequest = {
        provider: answer.provider,
        id_token: answer.idToken,
        nonce: answer.nonce,
      };
      void run(async () =>
        session.begin(await session.api.anonymous<SignInResponse>("POST", "/account/sign_in/oidc", body)),
      );
    }
  }, []);
  if (providers.length === 0 && !error) return null;
  return (
    <div class="providers">
      {providers.map((provider) => (
        <button
          type="button"
          key={provider.name}
          disabled={busy}
          onClick={() => void redirectToProvider(provider, "sign_in")}
        >
          {t("providers.sign_in", { provider: providerLabel(provider.name) })}
        </button>
      ))}
      <ErrorLine error={error} />
    </div>
  );
}

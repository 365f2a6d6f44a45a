import type { SignInProvidersResponse } from "@venus/model";
import type { AccountContext } from "../context.js";

/** The configured OpenID Connect providers, and for each whether and how a web page signs in with it. */
export function signInProviders(ctx: AccountContext): SignInProvidersResponse {
  return {
    providers: ctx.config.oidc_providers.map((provider) => ({
      name: provider.name,
      nonce: provider.nonce,
      web:
        provider.web_authorize_url && provider.web_client_id
          ? {
              authorize_url: provider.web_authorize_url,
              client_id: provider.web_client_id,
              response_mode: provider.web_response_mode,
            }
          : null,
    })),
  };
}

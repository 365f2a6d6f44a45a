import { linkOidc, presentSignInMethods, unlinkOidc } from "@venus/data-account";
import { ErrorResponse, OidcSignInRequest, ProviderName, SignInMethods, VenusError } from "@venus/model";
import { compileValidator } from "@venus/simple-backend";
import { json, userRoute } from "../../route.js";

const METHODS = { description: "The account's sign-in methods after the change", schema: SignInMethods };
const checkProvider = compileValidator(ProviderName);

export const signInMethodsRoute = userRoute(
  {
    method: "get",
    path: "/account/sign_in_methods",
    summary:
      "The account's email (verified or not, a pending change), whether it has a password, and its linked providers",
    tag: "account",
    responses: { 200: { description: "The sign-in methods", schema: SignInMethods } },
  },
  ({ auth, deps }) => json(200, presentSignInMethods(deps.account, auth.account)),
);

export const linkOidcRoute = userRoute(
  {
    method: "post",
    path: "/account/sign_in_methods/oidc",
    summary: "Link an OpenID Connect identity (an ID token for it) to the signed-in account",
    tag: "account",
    body: OidcSignInRequest,
    responses: {
      200: METHODS,
      401: { description: "invalid_id_token", schema: ErrorResponse },
      403: { description: "email_not_verified", schema: ErrorResponse },
      404: { description: "unknown_provider", schema: ErrorResponse },
      409: {
        description: "identity_in_use (another account has it) or provider_already_linked",
        schema: ErrorResponse,
      },
      429: { description: "rate_limited", schema: ErrorResponse },
      503: { description: "provider_unavailable", schema: ErrorResponse },
    },
  },
  async ({ http, auth, body, deps }) => {
    await linkOidc(deps.account, auth.account, body, http.remoteAddress);
    return json(200, presentSignInMethods(deps.account, auth.account));
  },
);

export const unlinkOidcRoute = userRoute(
  {
    method: "delete",
    path: "/account/sign_in_methods/oidc/:provider",
    summary: "Unlink the account's identity with this provider (signing in by email code always remains)",
    tag: "account",
    responses: {
      200: METHODS,
      404: { description: "not_found (no identity of that provider is linked)", schema: ErrorResponse },
    },
  },
  async ({ http, auth, deps }) => {
    const provider = http.params[0] ?? "";
    if (!checkProvider(provider).ok) throw new VenusError("not_found", "no such provider name");
    await unlinkOidc(deps.account, auth.account, provider);
    return json(200, presentSignInMethods(deps.account, auth.account));
  },
);

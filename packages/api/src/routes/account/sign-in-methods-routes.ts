import { linkOidc, presentSignInMethods, unlinkOidc } from "@venus/data-account";
import { OidcSignInRequest, ProviderName, SignInMethods, VenusError } from "@venus/model";
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
    errors: [
      "invalid_id_token",
      "email_not_verified",
      "unknown_provider",
      "identity_in_use",
      "provider_already_linked",
      "rate_limited",
      "provider_unavailable",
    ],
    responses: {
      200: METHODS,
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
    errors: ["not_found"],
    responses: {
      200: METHODS,
    },
  },
  async ({ http, auth, deps }) => {
    const provider = http.params[0] ?? "";
    if (!checkProvider(provider).ok) throw new VenusError("not_found", "no such provider name");
    await unlinkOidc(deps.account, auth.account, provider);
    return json(200, presentSignInMethods(deps.account, auth.account));
  },
);

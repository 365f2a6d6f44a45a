import { signInProviders } from "@venus/data-account";
import { SignInProvidersResponse } from "@venus/model";
import { json, publicRoute } from "../../route.js";

export const signInProvidersRoute = publicRoute(
  {
    method: "get",
    path: "/account/sign_in_providers",
    summary:
      "The configured sign-in providers (Google, Apple, …): which buttons an app shows, and how a web page uses them",
    tag: "account",
    responses: {
      200: { description: "The providers, in the configured order", schema: SignInProvidersResponse },
    },
  },
  ({ deps }) => json(200, signInProviders(deps.account)),
);

/** What a provider posts that the app needs; anything else it sends (an authorization code, a user) is dropped. */
const PASSED_ON = ["id_token", "state", "error"] as const;

export const oidcFormPostRoute = publicRoute(
  {
    method: "post",
    path: "/account/sign_in/oidc/form_post",
    summary:
      "The web sign-in's redirect_uri for providers with web_response_mode = form_post (Apple): sends the browser on to the app (303 to /#id_token=…&state=…), which signs in with the token itself",
    tag: "account",
    rawBody: {
      contentTypes: ["application/x-www-form-urlencoded"],
      description: "The provider's form post: id_token and state, or error and state.",
    },
    responses: { 303: { description: "To the web app, the token and state in the address fragment" } },
  },
  ({ http }) => {
    const posted = new URLSearchParams(http.body.toString("utf8"));
    const fragment = new URLSearchParams();
    for (const name of PASSED_ON) {
      const value = posted.get(name);
      if (value !== null) fragment.set(name, value);
    }
    if (!fragment.has("id_token") && !fragment.has("error")) fragment.set("error", "invalid_request");
    return { status: 303, headers: { location: `/#${fragment}`, "cache-control": "no-store" }, body: "" };
  },
);

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

import { presentAccountState, setAccountLanguage } from "@venus/data-account";
import { AccountStateResponse, SetAccountLanguageRequest } from "@venus/model";
import { json, userRoute } from "../../route.js";

export const setLanguageRoute = userRoute(
  {
    method: "put",
    path: "/account/language",
    summary:
      "The owner's language: reminder and warning emails, and news when GET /news names none; null for the server's default",
    tag: "account",
    body: SetAccountLanguageRequest,
    responses: { 200: { description: "The account state, with the language", schema: AccountStateResponse } },
  },
  async ({ auth, body, deps }) => {
    await setAccountLanguage(deps.account, auth.account, body.language);
    return json(200, presentAccountState(auth.account));
  },
);

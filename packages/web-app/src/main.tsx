import { ApiError } from "@venus/web-shared";
import { render } from "preact";
import "@venus/web-shared/styles.css";
import "./web-app.css";
import { loadTranslator } from "./i18n/i18n.js";
import { TranslatorContext } from "./i18n/use-t.js";
import { takeProviderReturn } from "./oidc/provider-redirect.js";
import { Root } from "./root.js";

// A background refresh that found no network is redone when the socket reconnects: not an error.
addEventListener("unhandledrejection", (event) => {
  if (event.reason instanceof ApiError && event.reason.code === "network_error") event.preventDefault();
});

if ("serviceWorker" in navigator) void navigator.serviceWorker.register("/sw.js", { scope: "/" });

takeProviderReturn();
const translator = await loadTranslator(navigator.languages);
document.documentElement.lang = translator.language;
render(
  <TranslatorContext.Provider value={translator}>
    <Root />
  </TranslatorContext.Provider>,
  document.getElementById("app") as HTMLElement,
);

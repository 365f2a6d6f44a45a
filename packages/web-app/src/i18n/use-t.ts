import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Translator } from "./i18n.js";

export const TranslatorContext = createContext<Translator | undefined>(undefined);

/** The page's translator (`t("browse.like")`); the app renders only once it is loaded. */
export function useT(): Translator["t"] {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error("no translator above this component");
  return translator.t;
}

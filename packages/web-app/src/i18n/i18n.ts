/**
 * Texts come from `/messages/<language>.json` (public/messages): adding a language is adding a
 * file. The app asks for the browser's preferred languages in order and uses the first file that
 * exists; English fills any key a translation lacks.
 */
export type Messages = Record<string, string>;

export const FALLBACK = "en";

/**
 * Candidate file names for the browser's languages, by language alone (`fi-FI` and `fi` both try
 * `fi.json`: one file per language), English last.
 */
export function candidates(preferred: readonly string[]): string[] {
  const names: string[] = [];
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(lower)) continue;
    const name = lower.split("-")[0] as string;
    if (!names.includes(name)) names.push(name);
  }
  if (!names.includes(FALLBACK)) names.push(FALLBACK);
  return names;
}

/** `{name}` placeholders filled from `params`; an unknown one stays as written. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export interface Translator {
  language: string;
  t(key: string, params?: Record<string, string | number>): string;
}

export function translator(language: string, messages: Messages, fallback: Messages): Translator {
  return {
    language,
    t: (key, params) => format(messages[key] ?? fallback[key] ?? key, params),
  };
}

/** Loads the first available language of `preferred` (and English beneath it). */
export async function loadTranslator(
  preferred: readonly string[],
  fetchJson: (url: string) => Promise<Messages | undefined> = fetchMessages,
): Promise<Translator> {
  const fallback = (await fetchJson(`/messages/${FALLBACK}.json`)) ?? {};
  for (const language of candidates(preferred)) {
    const messages = language === FALLBACK ? fallback : await fetchJson(`/messages/${language}.json`);
    if (messages) return translator(language, messages, fallback);
  }
  return translator(FALLBACK, fallback, fallback);
}

async function fetchMessages(url: string): Promise<Messages | undefined> {
  const response = await fetch(url);
  return response.ok ? ((await response.json()) as Messages) : undefined;
}

import type { SignInProvider } from "@venus/model";

/** What a provider redirect is for: signing in, or linking the provider to the signed-in account. */
export type ProviderPurpose = "sign_in" | "link";

interface Pending {
  provider: string;
  purpose: ProviderPurpose;
  nonce: string;
  state: string;
}

export type ProviderReturn = { provider: string; purpose: ProviderPurpose } & (
  { idToken: string; nonce: string } | { error: string }
);

/** Where the redirect's pending sign-in waits in this tab (sessionStorage survives the round trip). */
const KEY = "venus-web-oidc";

const randomText = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) =>
    c === "+" ? "-" : c === "/" ? "_" : "",
  );
};

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Leaves the app for the provider's authorization endpoint (a top-level redirect: the page itself
 * never loads anything from the provider). It comes back with an ID token in the address fragment,
 * directly or through the server's form_post route (docs/web-app.md).
 */
export async function redirectToProvider(provider: SignInProvider, purpose: ProviderPurpose): Promise<void> {
  const web = provider.web;
  if (!web) return;
  const pending: Pending = { provider: provider.name, purpose, nonce: randomText(), state: randomText() };
  sessionStorage.setItem(KEY, JSON.stringify(pending));
  const formPost = web.response_mode === "form_post";
  const url = new URL(web.authorize_url);
  const params = {
    client_id: web.client_id,
    redirect_uri: `${location.origin}${formPost ? "/account/sign_in/oidc/form_post" : "/"}`,
    response_type: formPost ? "code id_token" : "id_token",
    response_mode: web.response_mode,
    scope: "openid email",
    nonce: provider.nonce === "sha256" ? await sha256Hex(pending.nonce) : pending.nonce,
    state: pending.state,
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  location.assign(url.href);
}

let taken: ProviderReturn | undefined;

/**
 * Before the app renders: takes a provider's answer out of the address (`#id_token=…&state=…`, or
 * `#error=…`) when its state is the one this tab sent, and leaves the address clean — the account
 * screen after a link, the start otherwise. An answer without the pending state is ignored.
 */
export function takeProviderReturn(): void {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const state = fragment.get("state");
  if (state === null) return;
  const pending = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Pending | null;
  sessionStorage.removeItem(KEY);
  history.replaceState(null, "", pending?.purpose === "link" ? "/#/account" : "/");
  if (!pending || pending.state !== state) return;
  const idToken = fragment.get("id_token");
  const { provider, purpose, nonce } = pending;
  taken = idToken
    ? { provider, purpose, idToken, nonce }
    : { provider, purpose, error: fragment.get("error") ?? "no_token" };
}

/** The provider's answer for `purpose`, once. */
export function providerReturn(purpose: ProviderPurpose): ProviderReturn | undefined {
  if (taken?.purpose !== purpose) return undefined;
  const answer = taken;
  taken = undefined;
  return answer;
}

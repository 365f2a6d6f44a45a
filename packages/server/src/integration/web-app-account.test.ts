import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startTestIssuer, TEST_ID_TOKEN_DEFAULTS } from "@venus/data-account/testing";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { PASSWORD, signUpAndSetUp } from "../scenarios/steps/people.js";
import { newPage, screenshot, useBrowser } from "../testing/browser.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { uniqueEmail } from "../testing/sign-in.js";
import { codeFromMailFolder } from "../testing/web-app/mail-folder.js";
import { WEB_APP_SCREENSHOTS } from "../testing/web-app/person.js";
import { startTestAuthorizer } from "../testing/web-app/test-authorizer.js";

const CLIENT_ID = TEST_ID_TOKEN_DEFAULTS.clientId;
const NEW_PASSWORD = "a brand new passphrase";

// Google answers in the fragment; Apple posts a form to the server, which passes the token on.
const [googleIssuer, appleIssuer] = await Promise.all([startTestIssuer(), startTestIssuer()]);
const [google, apple] = await Promise.all([
  startTestAuthorizer(googleIssuer),
  startTestAuthorizer(appleIssuer),
]);
const provider = (name: string, issuer: typeof googleIssuer, authorizeUrl: string) => ({
  name,
  issuers: [issuer.issuer],
  jwks_url: issuer.jwksUrl,
  client_ids: [CLIENT_ID],
  web_authorize_url: authorizeUrl,
  web_client_id: CLIENT_ID,
});
const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    sign_in: { email_response_ms: 0 },
    oidc_providers: [
      provider("google", googleIssuer, google.authorizeUrl),
      {
        ...provider("apple", appleIssuer, apple.authorizeUrl),
        nonce: "sha256",
        web_response_mode: "form_post",
      },
    ],
  },
});
const chromium = useBrowser();
const pages: { page: Page; close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const [index, { page }] of pages.entries())
    await screenshot(page, `account-last-${index}`, WEB_APP_SCREENSHOTS).catch(() => undefined);
  for (const { close } of pages) await close();
  for (const closable of [google, apple, googleIssuer, appleIssuer]) await closable.close();
});

/**
 * The app on a phone-sized page. Nothing may be fetched from another origin; the only other origins
 * the page may go to are the providers' authorization pages, as top-level navigations.
 */
async function openApp() {
  const base = fixture.server.url;
  const opened = await newPage(chromium.browser, { size: { width: 412, height: 860 } });
  const { page, problems } = opened;
  const providers = [google.origin, apple.origin];
  await page.context().route(
    (url) => url.origin !== new URL(base).origin,
    (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && providers.includes(new URL(request.url()).origin))
        return route.continue();
      problems.push(`third-party request ${request.url()}`);
      return route.abort();
    },
  );
  page.on("response", (response) => {
    if (response.status() >= 400)
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  pages.push(opened);
  await page.goto(`${base}/`);
  return opened;
}

const mailFolder = () => join(fixture.server.dataDir, "data", "mail");
const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const accountTab = (page: Page) => mainNav(page).getByRole("link", { name: "Account" }).click();

/** A person who completed setup through the API (the browser tests here start at the account). */
async function setUpPerson(name: string) {
  const person = await signUpAndSetUp(fixture.server.url, {
    name,
    gender: "woman",
    lookingFor: ["man"],
    email: uniqueEmail(name.toLowerCase()),
  });
  await person.client.close();
  return person.email;
}

async function signInWithPassword(page: Page, email: string, password: string) {
  const form = page.getByRole("form", { name: "Sign in with password" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await mainNav(page).waitFor({ timeout: 15_000 });
}

describe("the web app's getting in and account screen", () => {
  test("in Finnish (the browser's first language) the sign-in form and its refusal are Finnish", async () => {
    const email = await setUpPerson("Eino");
    const { page, problems } = await openApp();
    await page.addInitScript({
      content: `Object.defineProperty(navigator, "languages", { get: () => ["fi-FI", "en"] });`,
    });
    await page.reload();
    await page.getByRole("button", { name: "Minulla on jo tili" }).click();
    const form = page.getByRole("form", { name: "Kirjaudu salasanalla" });
    await form.getByLabel("Sähköposti").fill(email);
    await form.getByLabel("Salasana").fill("not the password");
    await form.getByRole("button", { name: "Kirjaudu" }).click();
    await page.getByRole("alert").filter({ hasText: "Väärä sähköposti tai salasana." }).waitFor();
    await screenshot(page, "sign-in-fi", WEB_APP_SCREENSHOTS);
    await form.getByLabel("Salasana").fill(PASSWORD);
    await form.getByRole("button", { name: "Kirjaudu" }).click();
    await page.getByRole("navigation", { name: "Päävalikko" }).waitFor({ timeout: 15_000 });
    // The browser logs the refused attempt; nothing else may go wrong.
    expect(problems).toEqual([expect.stringMatching(/^401 POST .*\/account\/login$/)]);
  });

  test("a forgotten password: a code from the mail, a new password, signed in; the new password works", async () => {
    const email = await setUpPerson("Aino");
    const { page, problems } = await openApp();
    await page.getByRole("button", { name: "I already have an account" }).click();
    await page.getByRole("button", { name: "Forgot password?" }).click();
    const form = page.getByRole("form", { name: "Choose a new password" });
    await form.getByLabel("Email").fill(email);
    await form.getByRole("button", { name: "Email me a code" }).click();
    await page.getByText(`If ${email} has an account, a code is on its way there.`).waitFor();
    const code = await codeFromMailFolder(mailFolder(), email, 15_000, /password reset code/);
    await form.getByLabel("Code").fill(code);
    await form.getByLabel("New password").fill(NEW_PASSWORD);
    await screenshot(page, "forgot-password", WEB_APP_SCREENSHOTS);
    await form.getByRole("button", { name: "Set password and sign in" }).click();
    await mainNav(page).waitFor({ timeout: 15_000 });

    // The account's cards load first: a request cut off by the sign-out would be a 401.
    const loaded = ["/account/export", "/account/push_target", "/account/sign_in_methods"].map((path) =>
      page.waitForResponse((response) => response.url().endsWith(path)),
    );
    await accountTab(page);
    await Promise.all(loaded);
    await page.getByRole("button", { name: "Sign out", exact: true }).last().click();
    await page.getByRole("button", { name: "I already have an account" }).click();
    await signInWithPassword(page, email, NEW_PASSWORD);
    expect(problems).toEqual([]);
  });

  test("the account: email change confirmed by the mailed code, the data export downloaded, Google and Apple linked, unlinked and signed in with", async () => {
    const email = await setUpPerson("Ben");
    const { page, problems } = await openApp();
    // The server lists both providers with a web sign-in: both buttons show.
    for (const name of ["Google", "Apple"])
      await page.getByRole("button", { name: `Sign in with ${name}` }).waitFor();
    await page.getByRole("button", { name: "I already have an account" }).click();
    await screenshot(page, "get-in-providers", WEB_APP_SCREENSHOTS);
    await signInWithPassword(page, email, "correct horse battery staple");
    await accountTab(page);

    // Email change: the code goes to the new address; confirmed, the account has it.
    const newEmail = uniqueEmail("ben-new");
    const methods = page.getByRole("region", { name: "Sign-in methods" });
    await methods.getByLabel("New email").fill(newEmail);
    await methods.getByRole("button", { name: "Send a confirmation code" }).click();
    await methods.getByText(`We sent a code to ${newEmail}.`).waitFor();
    const code = await codeFromMailFolder(mailFolder(), newEmail, 15_000, /Confirm your new email/);
    await methods.getByLabel("Code from the mail").fill(code);
    await methods.getByRole("button", { name: "Confirm new email" }).click();
    await methods.getByText(`Email: ${newEmail}`).waitFor();

    // The data export: built by the server, downloaded by the browser, holding the account's data.
    const data = page.getByRole("region", { name: "Your data" });
    await data.getByRole("button", { name: "Prepare my data" }).click();
    const downloadButton = data.getByRole("button", { name: "Download my data" });
    await downloadButton.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), downloadButton.click()]);
    expect(download.suggestedFilename()).toBe("my-data.zip");
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(strFromU8(files["account.json"] as Uint8Array)).toContain(newEmail);
    expect(strFromU8(files["profile.json"] as Uint8Array)).toContain("Ben");
    await data.getByText("Downloaded.", { exact: false }).waitFor();
    await data.scrollIntoViewIfNeeded();
    await screenshot(page, "account-export", WEB_APP_SCREENSHOTS);

    // Link Google (token back in the fragment) and Apple (posted to the server, passed on).
    google.signInAs({ subject: "google-ben", email: "ben@gmail.example" });
    await methods.getByRole("button", { name: "Link Google" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await methods.getByText("Google: linked (ben@gmail.example)").waitFor({ timeout: 15_000 });
    apple.signInAs({ subject: "apple-ben", email: "ben@icloud.example" });
    await methods.getByRole("button", { name: "Link Apple" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Back to the app" }).click();
    await methods.getByText("Apple: linked (ben@icloud.example)").waitFor({ timeout: 15_000 });
    await methods.scrollIntoViewIfNeeded();
    await screenshot(page, "account-methods", WEB_APP_SCREENSHOTS);

    const [googleAsked, appleAsked] = [google.requests.at(-1), apple.requests.at(-1)];
    expect(Object.fromEntries(googleAsked ?? [])).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: `${fixture.server.url}/`,
      response_type: "id_token",
      response_mode: "fragment",
      scope: "openid email",
    });
    expect(Object.fromEntries(appleAsked ?? [])).toMatchObject({
      redirect_uri: `${fixture.server.url}/account/sign_in/oidc/form_post`,
      response_type: "code id_token",
      response_mode: "form_post",
      // nonce = "sha256": the app sends the hash, and keeps the nonce for the server.
      nonce: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // Unlinked, Apple can be linked again.
    await methods.getByRole("button", { name: "Unlink Apple" }).click();
    await methods.getByRole("button", { name: "Link Apple" }).waitFor();

    // Signed out, "Sign in with Google" signs in to this account.
    await page.getByRole("button", { name: "Sign out", exact: true }).last().click();
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await mainNav(page).waitFor({ timeout: 15_000 });
    await accountTab(page);
    await methods.getByText(`Email: ${newEmail}`).waitFor();
    expect(problems).toEqual([]);
  });

  test("a refusal at the provider is said plainly; an answer this tab never asked for is ignored; a new identity registers", async () => {
    const { page, problems } = await openApp();
    const signInRequests: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/account/sign_in/oidc")) signInRequests.push(request.url());
    });
    await page.getByRole("button", { name: "Sign in with Apple" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Back to the app" }).click();
    await page
      .getByRole("alert")
      .getByText("Signing in with that provider did not work. Try again.")
      .waitFor();

    // While this tab waits for Google, a valid token comes back with a state that is not the one it
    // sent (a link someone planted): nothing is sent, and the address is cleaned.
    await page.getByRole("button", { name: "Sign in with Google" }).click();
    await page.getByRole("button", { name: "Continue" }).waitFor();
    const forged = await googleIssuer.sign({
      aud: CLIENT_ID,
      sub: "someone-else",
      nonce: "a-nonce-of-20-chars!",
    });
    const providersListed = page.waitForResponse((response) =>
      response.url().endsWith("/account/sign_in_providers"),
    );
    await page.goto(`${fixture.server.url}/#id_token=${forged}&state=not-this-tabs`);
    await providersListed;
    expect(page.url()).toBe(`${fixture.server.url}/`);
    expect(signInRequests).toEqual([]);

    apple.signInAs({ subject: "apple-new", email: uniqueEmail("apple-new") });
    await page.getByRole("button", { name: "Sign in with Apple" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Back to the app" }).click();
    await page.getByRole("heading", { name: "Set up your profile" }).waitFor({ timeout: 15_000 });
    expect(signInRequests).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});

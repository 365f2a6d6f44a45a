import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { newPage, screenshot } from "../browser.js";
import { PASSWORD } from "../sign-in.js";
import { codeFromMailFolder } from "./mail-folder.js";

/** Where the web app's tests leave their screenshots (gitignored; docs/web-app.md shows copies). */
export const WEB_APP_SCREENSHOTS = fileURLToPath(
  new URL("../../../../../test-results/web-app/", import.meta.url),
);

export interface Person {
  email: string;
  name: string;
  gender: "Woman" | "Man";
  wants: "Woman" | "Man";
  location: { latitude: number; longitude: number };
}

/** One person on a phone-sized page of their own (own storage and IndexedDB: their device). */
export class PersonInBrowser {
  private constructor(
    readonly person: Person,
    readonly page: Page,
    readonly problems: string[],
    readonly close: () => Promise<void>,
  ) {}

  /** `prepare` runs before the first page load (init scripts, permissions). */
  static async open(
    browser: Browser,
    person: Person,
    baseUrl: string,
    prepare: (page: Page) => Promise<void> = async () => undefined,
  ): Promise<PersonInBrowser> {
    const { page, problems, close } = await newPage(browser, { size: { width: 412, height: 860 } });
    await prepare(page);
    // Nothing may leave for another origin: no fonts, scripts or map tiles from elsewhere.
    await page.context().route(
      (url) => url.origin !== new URL(baseUrl).origin,
      (route) => {
        problems.push(`third-party request ${route.request().url()}`);
        return route.abort();
      },
    );
    page.on("response", (response) => {
      if (response.status() >= 400)
        problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await page.goto(`${baseUrl}/`);
    return new PersonInBrowser(person, page, problems, close);
  }

  /** Registers with email and password, then types the code from the verification mail. */
  async register(mailFolder: string): Promise<void> {
    const { page, person } = this;
    const form = page.getByRole("form", { name: "Create an account" });
    await form.getByLabel("Email").fill(person.email);
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Set up your profile" }).waitFor({ timeout: 15_000 });
    await page.getByLabel("Code").fill(await codeFromMailFolder(mailFolder, person.email));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { name: "Verify your email" }).waitFor({ state: "detached" });
  }

  /** Signs in with email and password (an account made beforehand, over the API). */
  async signIn(): Promise<void> {
    const { page, person } = this;
    await page.getByRole("button", { name: "I already have an account" }).click();
    const form = page.getByRole("form", { name: "Sign in with password" });
    await form.getByLabel("Email").fill(person.email);
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 15_000 });
  }

  async fillBasics(): Promise<void> {
    const { page, person } = this;
    await page.getByLabel("First name").fill(person.name);
    await page.getByLabel("Birthdate").fill("1995-04-12");
    await page.getByLabel("I am").selectOption({ label: person.gender });
    await page
      .getByRole("group", { name: "I'm looking for" })
      .getByLabel(person.wants, { exact: true })
      .check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("button", { name: "Saved" }).waitFor();
  }

  /** Uploads a photo and the selfie as files (processed by the real image worker). */
  async addPhotoAndSelfie(photo: string, selfie: string): Promise<void> {
    const { page } = this;
    await page.locator("input[name=photos]").setInputFiles(photo);
    await page.locator(".photo-grid img").first().waitFor({ timeout: 30_000 });
    await page.locator("input[name=selfie]").setInputFiles(selfie);
    await page.locator(".selfie img.thumb").waitFor({ timeout: 30_000 });
  }

  async finishSetup(): Promise<void> {
    await this.page.getByRole("button", { name: "Finish setup" }).click();
    await this.page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 15_000 });
  }

  /** Types the coordinates and makes the profile public. */
  async placeAndPublish(): Promise<void> {
    const { page, person } = this;
    await this.tab("Profile");
    await page.getByLabel("Latitude").fill(String(person.location.latitude));
    await page.getByLabel("Longitude").fill(String(person.location.longitude));
    await page.getByRole("button", { name: "Save location" }).click();
    await page.getByText("Your location is set.").waitFor();
    await page.getByLabel("Show my profile to others").click();
    await expect.poll(() => page.getByLabel("Show my profile to others").isChecked()).toBe(true);
  }

  /** Searches again until the other's card comes up with name and photo (accepted by moderation). */
  async findInBrowse(name: string): Promise<void> {
    const { page } = this;
    await this.tab("Browse");
    const card = page.getByRole("article", { name }).locator("img").first();
    for (let attempt = 0; ; attempt++) {
      const found = await card.waitFor({ timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (found) return;
      if (attempt === 8) throw new Error(`${name} never came up in browsing`);
      await page.getByRole("button", { name: "Search" }).click();
    }
  }

  /** Opens the conversation with the match of this name. */
  async openChat(name: string): Promise<void> {
    await this.tab("Matches");
    await this.page
      .getByRole("link")
      .filter({ has: this.page.getByRole("article", { name }) })
      .click();
    await this.page.getByRole("textbox", { name: "Message" }).waitFor();
  }

  async send(text: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Message" }).fill(text);
    await this.page.getByRole("button", { name: "Send" }).click();
  }

  /** The texts of the conversation on screen, in order. */
  messages(): Promise<string[]> {
    return this.page.locator(".messages li p").allTextContents();
  }

  /** The screen from its top, or from `at` when given (scrolled to the middle of the view). */
  async screenshot(name: string, at?: Locator): Promise<void> {
    for (const close of await this.page.locator(".notice button").all())
      await close.click().catch(() => undefined);
    if (at) await at.evaluate((element) => element.scrollIntoView({ block: "center" }));
    else await this.page.evaluate("window.scrollTo(0, 0)");
    await screenshot(this.page, name, WEB_APP_SCREENSHOTS);
  }

  /**
   * Headless Chromium has no push service to subscribe at: the page's `PushManager.subscribe` answers
   * with a subscription at the test's local WebPush service instead (what the server does with it is
   * what the test checks), and notifications are allowed.
   */
  static async useTestPushService(
    page: Page,
    subscription: { endpoint: string; keys: object },
  ): Promise<void> {
    await page.context().grantPermissions(["notifications"]);
    const target = JSON.stringify({ ...subscription, expirationTime: null });
    await page.addInitScript({
      content: `{
        const fake = { endpoint: ${JSON.stringify(subscription.endpoint)}, toJSON: () => (${target}) };
        PushManager.prototype.subscribe = async () => fake;
        PushManager.prototype.getSubscription = async () => null;
      }`,
    });
  }

  tab(name: "Browse" | "Likes" | "Matches" | "Profile" | "Account"): Promise<void> {
    return this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
  }
}

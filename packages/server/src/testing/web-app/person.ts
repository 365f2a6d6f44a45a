import { expect } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { codeFromMailFolder } from "./mail-folder.js";

export interface Person {
  email: string;
  name: string;
  gender: "Woman" | "Man";
  wants: "Woman" | "Man";
  location: { latitude: number; longitude: number };
}

export const PASSWORD = "correct horse battery";

/** One person in their own browser context (own storage, own IndexedDB). */
export class PersonInBrowser {
  private constructor(
    readonly person: Person,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly errors: string[],
  ) {}

  static async open(browser: Browser, person: Person, baseUrl: string): Promise<PersonInBrowser> {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: "en-US",
      viewport: { width: 412, height: 915 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    // Nothing may leave for another origin: no fonts, scripts or map tiles from elsewhere.
    await context.route(
      (url) => url.origin !== new URL(baseUrl).origin,
      (route) => {
        errors.push(`third-party request ${route.request().url()}`);
        return route.abort();
      },
    );
    await page.goto("/");
    return new PersonInBrowser(person, context, page, errors);
  }

  async register(mailFolder: string): Promise<void> {
    const { page, person } = this;
    const form = page.getByRole("form", { name: "Create an account" });
    await form.getByLabel("Email").fill(person.email);
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByRole("button", { name: "Create account" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Set up your profile" }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await page.getByLabel("Code").fill(await codeFromMailFolder(mailFolder, person.email));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { name: "Verify your email" }).waitFor({ state: "detached" });
  }

  async setUp(photo: string, selfie: string): Promise<void> {
    const { page, person } = this;
    await page.getByLabel("First name").fill(person.name);
    await page.getByLabel("Birthdate").fill("1995-04-12");
    await page.getByLabel("I am").selectOption({ label: person.gender });
    await page.getByRole("group", { name: "I'm looking for" }).getByLabel(person.wants).check();
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByRole("button", { name: "Saved" }).waitFor();
    await page.locator("input[name=photos]").setInputFiles(photo);
    await page.getByRole("img", { name: "Photo 1" }).waitFor({ timeout: 30_000 });
    await page.locator("input[name=selfie]").setInputFiles(selfie);
    await page.locator(".selfie .thumb").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Finish setup" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 15_000 });
  }

  async placeAndPublish(): Promise<void> {
    const { page, person } = this;
    await page.getByRole("link", { name: "Profile" }).click();
    await page.getByLabel("Latitude").fill(String(person.location.latitude));
    await page.getByLabel("Longitude").fill(String(person.location.longitude));
    await page.getByRole("button", { name: "Save location" }).click();
    await page.getByText("Your location is set.").waitFor();
    await page.getByLabel("Show my profile to others").check();
    await expect.poll(() => page.getByLabel("Show my profile to others").isChecked()).toBe(true);
  }

  tab(name: "Browse" | "Likes" | "Matches" | "Profile" | "Account"): Promise<void> {
    return this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name }).click();
  }

  async screenshot(dir: string | undefined, name: string): Promise<void> {
    if (dir) await this.page.screenshot({ path: `${dir}/${name}.png` });
  }
}

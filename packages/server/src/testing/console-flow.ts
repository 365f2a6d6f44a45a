import type { Page } from "playwright-core";
import { beforeAll, expect } from "vitest";
import { useBrowser } from "./browser.js";
import { GENEROUS_RATE_LIMITS } from "./config.js";
import { createProfileUser, type ProfileUser } from "./profile-flow.js";
import { useServer } from "./server-fixture.js";
import { PASSWORD } from "./sign-in.js";

/** Opens the console and signs in with the test password. */
export async function signInToConsole(page: Page, server: { url: string }, email: string): Promise<void> {
  await page.goto(`${server.url}/console/`);
  const form = page.getByRole("form", { name: "Sign in with password" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits for the console's navigation (an account with an admin permission). */
export async function openConsole(page: Page, server: { url: string }, email: string): Promise<void> {
  await signInToConsole(page, server, email);
  await page.getByRole("navigation", { name: "Screens" }).waitFor();
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
  expect(page.url()).toContain("/console/");
}

/**
 * For a console test file: a server on which `adminEmail` is granted admin (generous rate limits
 * plus `config`), a browser, and that admin signed up with a profile before the tests run.
 */
export function useConsoleServer(adminEmail: string, config: Record<string, unknown> = {}) {
  const fixture = useServer({
    config: { admin: { grant_email: adminEmail }, rate_limits: GENEROUS_RATE_LIMITS, ...config },
  });
  const chromium = useBrowser();
  let signedUp: ProfileUser | undefined;
  beforeAll(async () => {
    signedUp = await createProfileUser(fixture.server, { email: adminEmail, name: "Root" });
  });
  return {
    fixture,
    chromium,
    get admin(): ProfileUser {
      if (!signedUp) throw new Error("the admin has not signed up");
      return signedUp;
    },
  };
}

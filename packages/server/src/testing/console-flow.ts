import type { Page } from "playwright-core";
import { expect } from "vitest";
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

import { describe, expect, test } from "vitest";
import { newPage, screenshot } from "../testing/browser.js";
import { openConsole, signInToConsole, useConsoleServer } from "../testing/console-flow.js";
import { signUp } from "../testing/sign-in.js";

const ADMIN_EMAIL = "console-admin@example.com";
const consoleServer = useConsoleServer(ADMIN_EMAIL);
const { fixture, chromium } = consoleServer;

describe("signing in to the console", () => {
  test("an admin signs in with a password, sees every screen, and signs out", async () => {
    const { page, problems, close } = await newPage(chromium.browser);
    await page.goto(`${fixture.server.url}/console/`);
    await screenshot(page, "sign-in");
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    const screens = await page
      .getByRole("navigation", { name: "Screens" })
      .getByRole("link")
      .allTextContents();
    expect(screens).toEqual([
      "Images",
      "Verification",
      "Names and texts",
      "Reports",
      "Accounts",
      "Server",
      "News and email",
    ]);
    // The console is a device of its own: the admin's other device sees it in the list.
    const devices = await fetch(`${fixture.server.url}/account/devices`, {
      headers: { authorization: `Bearer ${consoleServer.admin.accessToken}` },
    });
    const listed = (
      (await devices.json()) as { devices: { client: { kind: string } | null; online: boolean }[] }
    ).devices;
    expect(listed.filter((device) => device.online)).toHaveLength(2);

    await page.reload();
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("form", { name: "Sign in with password" }).waitFor();
    expect(problems).toEqual([]);
    await close();
  });

  test("an account without an admin permission does not get in", async () => {
    const user = await signUp(fixture.server);
    const { page, problems, close } = await newPage(chromium.browser);
    await signInToConsole(page, fixture.server, user.email);
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("This account has no admin permission");
    expect(await page.getByRole("navigation", { name: "Screens" }).count()).toBe(0);
    await screenshot(page, "no-permission");
    expect(problems).toEqual([]);
    await close();
    user.ws.close();
  });

  test("at phone width in dark mode the navigation wraps and the screen stays usable", async () => {
    const { page, problems, close } = await newPage(chromium.browser, {
      size: { width: 390, height: 844 },
      dark: true,
    });
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByRole("link", { name: "Accounts" }).click();
    await page.getByRole("searchbox", { name: "Email or account id" }).waitFor();
    const overflow = (await page.evaluate("document.documentElement.scrollWidth - innerWidth")) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "phone-dark");
    expect(problems).toEqual([]);
    await close();
  });

  test("a wrong password is refused with a message", async () => {
    const { page, close } = await newPage(chromium.browser);
    await page.goto(`${fixture.server.url}/console/`);
    const form = page.getByRole("form", { name: "Sign in with password" });
    await form.getByLabel("Email").fill(ADMIN_EMAIL);
    await form.getByLabel("Password").fill("not the password");
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Wrong email or password.");
    await close();
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FavoritesResponse, OwnProfile, ReportsPage } from "@venus/model";
import { afterAll, describe, expect, test } from "vitest";
import { useBrowser } from "../testing/browser.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { uploadImage, putMedia } from "../testing/media-flow.js";
import { as, closeAll, editRequestOf, north, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { uniqueEmail } from "../testing/sign-in.js";
import { acceptingModerationBot, readyProfile, visibleTo } from "../testing/web-app/moderated-world.js";
import { PersonInBrowser } from "../testing/web-app/person.js";

const ROOT_EMAIL = "web-app-browse-root@example.com";
const files = mkdtempSync(join(tmpdir(), "venus-web-app-browse-"));
const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    admin: { grant_email: ROOT_EMAIL },
    bots: { moderation_bot: true, file: acceptingModerationBot(files) },
  },
});
const chromium = useBrowser();
const api: ProfileUser[] = [];
let aino: PersonInBrowser | undefined;
afterAll(async () => {
  await aino?.screenshot("last-browse").catch(() => undefined);
  await aino?.close();
  closeAll(api);
  rmSync(files, { recursive: true, force: true });
});

const HOME = { latitude: 60.1699, longitude: 24.9384 };
const BEN_TEXT = "Runner and reader.";
/** The default catalogue (config/profile-attributes.toml): 1 "Looking for", 2 "Interests". */
const LONG_TERM = 1;
const FRIENDSHIP = 3;
const RUNNING = 101;
const BOOKS = 206;

describe("browsing in the web app", () => {
  test("attributes, filters that change who is shown, the whole profile, favourites, a profile report", async () => {
    const server = fixture.server;
    const root = await readyProfile(server, {
      email: ROOT_EMAIL,
      name: "Root",
      gender: "non_binary",
      wants: "non_binary",
    });
    const email = uniqueEmail("aino");
    const ainoApi = await readyProfile(server, {
      email,
      name: "Aino",
      gender: "woman",
      wants: "man",
      location: HOME,
    });
    const man = (name: string, km: number) =>
      readyProfile(server, {
        email: uniqueEmail(name),
        name,
        gender: "man",
        wants: "woman",
        location: north(HOME, km),
      });
    const ben = await man("Ben", 10);
    const carl = await man("Carl", 20);
    api.push(root, ainoApi, ben, carl);
    const edit = async (user: ProfileUser, changes: object) => {
      const me = await as(server, user).get<OwnProfile>("/profile/me");
      expect((await as(server, user).put("/profile", { ...editRequestOf(me.body), ...changes })).status).toBe(
        200,
      );
    };
    await edit(ben, { text: BEN_TEXT, attributes: { [LONG_TERM]: [1], 2: [RUNNING, BOOKS] } });
    await edit(carl, { attributes: { 1: [FRIENDSHIP] } });
    // Ben has two photos: the profile view shows both.
    const second = await uploadImage(server, ben);
    const first = await as(server, ben).get<{ images: { content_id: string }[] }>(
      `/media/profile_content/${ben.accountId}`,
    );
    await putMedia(server, ben, "/media/profile_content", {
      images: [...first.body.images.map((image) => image.content_id), second],
    });
    // The moderation bot accepts names, text and photos: wait until Aino may see them all.
    await visibleTo(server, ainoApi, ben, { name: "Ben", text: BEN_TEXT, images: 2 });
    await visibleTo(server, ainoApi, carl, { name: "Carl", images: 1 });

    aino = await PersonInBrowser.open(
      chromium.browser,
      { email, name: "Aino", gender: "Woman", wants: "Man", location: HOME },
      server.url,
    );
    const page = aino.page;
    await aino.signIn();

    // Her own answers, from the server's catalogue, saved with the profile.
    await aino.tab("Profile");
    const answers = page.getByRole("form", { name: "About me in short" });
    await answers.getByLabel("Looking for").selectOption({ label: "A long-term relationship" });
    await answers.getByLabel("Running").check();
    await answers.getByRole("button", { name: "Save answers" }).click();
    await answers.getByRole("button", { name: "Saved" }).waitFor();
    await aino.screenshot("profile-answers", answers.getByLabel("Looking for"));
    const saved = await as(server, ainoApi).get<OwnProfile>("/profile/me");
    expect(saved.body.attributes).toMatchObject({ "1": [LONG_TERM], "2": [RUNNING] });
    // As others see her: the answers on her card.
    await page.getByRole("button", { name: "See as others see it" }).click();
    const own = page.getByRole("article", { name: "Aino" });
    await own.getByText("A long-term relationship").waitFor();
    await own.getByText("Running").waitFor();
    await aino.screenshot("profile-attributes");

    // Browse: Ben (10 km) first, his answers on the card.
    await aino.findInBrowse("Ben");
    const benCard = page.getByRole("article", { name: "Ben" });
    for (const answer of ["A long-term relationship", "Running", "Books", BEN_TEXT])
      await benCard.getByText(answer).waitFor();
    await aino.screenshot("browse-attributes");

    // Only those looking for friendship: Carl (20 km) comes first, then no one; Ben is not shown.
    const filters = page.getByRole("form", { name: "Filters" });
    await filters.getByText("Filters", { exact: true }).click();
    await filters.getByRole("group", { name: "Looking for" }).getByLabel("Friendship").check();
    await aino.screenshot("browse-filters");
    await filters.getByRole("button", { name: "Search" }).click();
    await page.getByRole("article", { name: "Carl" }).waitFor();
    expect(await page.getByRole("article", { name: "Ben" }).count()).toBe(0);
    await page.getByRole("button", { name: "Pass" }).click();
    await page.getByText("No one new nearby right now.", { exact: false }).waitFor();

    // The filters are kept on the device: after a reload the session starts with them again.
    await page.reload();
    await page.getByRole("article", { name: "Carl" }).waitFor({ timeout: 15_000 });
    await filters.getByText("Filters", { exact: true }).click();
    const friendship = filters.getByRole("group", { name: "Looking for" }).getByLabel("Friendship");
    expect(await friendship.isChecked()).toBe(true);

    // Age is the profile's own wish (saved there): both men are 30, so from 31 no one is shown.
    await friendship.uncheck();
    const age = filters.getByRole("group", { name: "Age" });
    await age.getByLabel("From").fill("31");
    await filters.getByRole("button", { name: "Search" }).click();
    await page.getByText("No one new nearby right now.", { exact: false }).waitFor();
    await expect
      .poll(async () => (await as(server, ainoApi).get<OwnProfile>("/profile/me")).body.wanted_age.min)
      .toBe(31);
    await age.getByLabel("From").fill("25");
    await filters.getByRole("button", { name: "Search" }).click();
    await benCard.locator("img").first().waitFor();

    // The whole profile: every photo; favourite it, find it in the list, remove it.
    await benCard.locator("xpath=..").getByRole("link", { name: "View profile" }).click();
    const profile = page.getByRole("article", { name: "Ben" });
    await expect.poll(() => profile.locator("img").count()).toBe(2);
    await page.getByRole("button", { name: "Add to favourites" }).click();
    await page.getByRole("button", { name: "Remove from favourites" }).waitFor();
    const favorites = () => as(server, ainoApi).get<FavoritesResponse>("/profile/favorites");
    expect((await favorites()).body.account_ids).toEqual([ben.accountId]);
    await aino.screenshot("person", page.getByRole("button", { name: "Remove from favourites" }));
    await aino.tab("Browse");
    await page.getByRole("link", { name: "Favourites" }).click();
    await page.getByRole("heading", { name: "Favourites" }).waitFor();
    await page.getByRole("article", { name: "Ben" }).locator("img").waitFor();
    await aino.screenshot("favorites");
    await page
      .getByRole("link")
      .filter({ has: page.getByRole("article", { name: "Ben" }) })
      .click();
    await page.getByRole("button", { name: "Remove from favourites" }).click();
    await page.getByRole("button", { name: "Add to favourites" }).waitFor();
    expect((await favorites()).body.account_ids).toEqual([]);

    // Report the profile's text, with a category and a text: it reaches the admins.
    await page.getByRole("button", { name: "Report profile" }).click();
    const report = page.getByRole("form", { name: "Report this profile" });
    await report.getByLabel("What to report").selectOption({ label: "Their text" });
    await report.getByLabel("What is wrong").selectOption({ label: "Scam" });
    await report.getByLabel("Anything to add").fill("Asks for money up front");
    await aino.screenshot("report-profile", report);
    await report.getByRole("button", { name: "Send report" }).click();
    await page.getByText("Thank you. A moderator will look at it.").waitFor();
    const reports = await as(server, root).get<ReportsPage>("/admin/reports");
    expect(reports.status).toBe(200);
    expect(reports.body.items).toEqual([
      expect.objectContaining({
        kind: "profile_text",
        reporter: ainoApi.accountId,
        reported: ben.accountId,
        category: "scam",
        details: "Asks for money up front",
        text: BEN_TEXT,
      }),
    ]);

    // In Finnish (the browser's first language), the catalogue's Finnish names.
    await page.addInitScript({
      content: `Object.defineProperty(navigator, "languages", { get: () => ["fi-FI", "en"] });`,
    });
    await page.reload();
    await page.getByRole("navigation", { name: "Päävalikko" }).waitFor();
    await page.goto(`${server.url}/#/person/${ben.accountId}`);
    const finnish = page.getByRole("article", { name: "Ben" });
    for (const answer of ["Etsin", "Pitkää suhdetta", "Kiinnostukset", "Juoksu", "Kirjat"])
      await finnish.getByText(answer, { exact: true }).waitFor();
    await aino.screenshot("person-fi", finnish.getByText("Etsin"));

    expect(aino.problems).toEqual([]);
  }, 240_000);
});

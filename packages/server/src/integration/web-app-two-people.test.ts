import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { useBrowser } from "../testing/browser.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { testJpeg } from "../testing/media-flow.js";
import { north } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";
import { request } from "../testing/http-client.js";
import { eventually } from "../testing/push/push-flow.js";
import { testTls } from "../testing/push/test-ca.js";
import { TestWebPushService } from "../testing/push/test-webpush-service.js";
import { acceptingModerationBot } from "../testing/web-app/moderated-world.js";
import { PersonInBrowser } from "../testing/web-app/person.js";

const files = mkdtempSync(join(tmpdir(), "venus-web-app-"));
const botsFile = acceptingModerationBot(files);

const tls = testTls();
const pushService = await TestWebPushService.start(tls);
const fixture = useServer({
  // The server trusts the local WebPush service's test CA.
  env: { NODE_EXTRA_CA_CERTS: tls.caFile },
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    push: { coalesce_seconds: 1, retry_base_seconds: 0.2 },
    // The app (0.1.0) is below the recommended version: it says so and keeps working.
    clients: { web: { recommended_version: "9.0.0" } },
    // The moderation bot accepts what no rule rejects, so each sees the other's name and photos.
    bots: { moderation_bot: true, file: botsFile },
  },
});
const chromium = useBrowser();
const people: PersonInBrowser[] = [];
afterAll(async () => {
  // The last screen of each person, for a failure's report.
  for (const [index, person] of people.entries())
    await person.screenshot(`last-${index}`).catch(() => undefined);
  for (const person of people) await person.close();
  await pushService.stop();
  tls.cleanup();
});

const HOME = { latitude: 60.1699, longitude: 24.9384 };
const FIRST = "Hei Ben! Kahville lauantaina?";
const REPLY = "Sounds good, the one by the harbour";
const OFFLINE = "Written in the tunnel, sent once";
const PUSHED = "Are you there?";

/** Files under `dir` (data, WAL and mail) whose bytes hold any of `texts`. */
function filesContaining(dir: string, texts: string[]): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => {
    const path = join(dir, name);
    if (!statSync(path).isFile()) return false;
    const bytes = readFileSync(path);
    return texts.some((text) => bytes.includes(Buffer.from(text)));
  });
}

describe("two people in the web app", () => {
  test("register, verify, set up with real photos, find each other 10 km apart, like, match, chat", async () => {
    const server = fixture.server;
    const mailFolder = join(server.dataDir, "data", "mail");
    const photo = join(files, "photo.jpg");
    writeFileSync(photo, await testJpeg(900, 700));
    const notAnImage = join(files, "notes.jpg");
    writeFileSync(notAnImage, "these are my notes, not a photo");
    const selfie = join(files, "selfie.jpg");
    writeFileSync(selfie, await testJpeg(640, 800));

    const subscription = pushService.subscribe();
    const aino = await PersonInBrowser.open(
      chromium.browser,
      {
        email: uniqueEmail("aino"),
        name: "Aino",
        gender: "Woman",
        wants: "Man",
        location: HOME,
      },
      server.url,
      (page) => PersonInBrowser.useTestPushService(page, subscription),
    );
    const ben = await PersonInBrowser.open(
      chromium.browser,
      {
        email: uniqueEmail("ben"),
        name: "Ben",
        gender: "Man",
        wants: "Woman",
        location: north(HOME, 10),
      },
      server.url,
    );
    people.push(aino, ben);
    await aino.screenshot("get-in");

    for (const person of [aino, ben]) {
      await person.register(mailFolder);
      await person.page.getByText("A newer version of the app (9.0.0) is available").waitFor();
      await person.fillBasics();
      if (person === aino) {
        // A file that is no image gets a clear message (the image worker's answer).
        await aino.page.locator("input[name=photos]").setInputFiles(notAnImage);
        await expect
          .poll(() => aino.page.getByRole("alert").textContent())
          .toBe("That file is not a photo (JPEG, PNG or WebP).");
        // Over media.max_upload_bytes (10 MiB): the server's 413, said plainly.
        const beforeHuge = aino.problems.length;
        await aino.page.locator("input[name=photos]").setInputFiles({
          name: "huge.jpg",
          mimeType: "image/jpeg",
          buffer: Buffer.alloc(11 * 1024 * 1024, 0xff),
        });
        await expect
          .poll(() => aino.page.getByRole("alert").textContent(), { timeout: 20_000 })
          .toBe("That file is too large.");
        expect(aino.problems.splice(beforeHuge).filter((problem) => !problem.includes("413"))).toEqual([]);
      }
      await person.addPhotoAndSelfie(photo, selfie);
      if (person === aino) await aino.screenshot("setup");
      await person.finishSetup();
      await person.placeAndPublish();
    }
    await aino.screenshot("profile");

    // Aino lets the app notify her while it is closed: the page registers its WebPush subscription.
    const vapid = await request<{ public_key: string }>(server.url, "GET", "/push/vapid_public_key");
    pushService.expectedKey = vapid.body.public_key;
    await aino.tab("Account");
    await aino.page.getByRole("button", { name: "Notify me when the app is closed" }).click();
    await aino.page.getByRole("button", { name: "Stop notifications on this device" }).waitFor();
    await aino.screenshot("account");

    await aino.findInBrowse("Ben");
    await expect.poll(() => aino.page.getByText("10 km away").isVisible()).toBe(true);
    await aino.screenshot("browse");
    await aino.page.getByRole("button", { name: "Like", exact: true }).click();

    await ben.tab("Likes");
    await ben.page.getByRole("article", { name: "Aino" }).waitFor({ timeout: 15_000 });
    await ben.screenshot("likes");
    await ben.page.getByRole("button", { name: "Like back" }).click();
    await aino.page.getByText("It's a match!").first().waitFor({ timeout: 15_000 });

    await aino.openChat("Ben");
    await ben.openChat("Aino");
    await aino.send(FIRST);
    await expect.poll(() => ben.messages(), { timeout: 15_000 }).toEqual([FIRST]);
    await expect
      .poll(() => aino.page.locator(".messages .status").last().textContent(), { timeout: 15_000 })
      .toBe("Seen");
    await ben.send(REPLY);
    await expect.poll(() => aino.messages(), { timeout: 15_000 }).toEqual([FIRST, REPLY]);
    await aino.screenshot("chat");

    // Aino closes the app (no live connection): Ben's next message reaches her as a WebPush, which
    // the local push service decrypts; it says only what happened, never the text.
    await aino.page.goto("about:blank");
    await ben.send(PUSHED);
    await eventually(() => pushService.received.length > 0, "the WebPush", 20_000);
    expect(pushService.received.map((push) => push.payload)).toEqual([{ kind: "message", count: 1 }]);
    expect(pushService.refusals).toEqual([]);
    await aino.page.goto(`${server.url}/`);
    await aino.openChat("Ben");
    await expect.poll(() => aino.messages(), { timeout: 15_000 }).toEqual([FIRST, REPLY, PUSHED]);

    // The server's files never hold the text: only the encrypted bodies passed through.
    expect(filesContaining(server.dataDir, [FIRST, REPLY, PUSHED])).toEqual([]);

    // Written while offline: it waits, then goes once when the network is back.
    const beforeOffline = ben.problems.length;
    await ben.page.context().setOffline(true);
    await ben.send(OFFLINE);
    await expect
      .poll(() => ben.page.locator(".messages .status").last().textContent())
      .toBe("Waiting for connection");
    await ben.page.context().setOffline(false);
    await expect.poll(() => aino.messages(), { timeout: 20_000 }).toEqual([FIRST, REPLY, PUSHED, OFFLINE]);
    // Offline, the browser's failed loads are the only complaints.
    const offline = ben.problems.splice(beforeOffline);
    expect(offline.filter((problem) => !problem.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);

    // A reload keeps the conversation: it lives in the browser's IndexedDB.
    await ben.page.reload();
    await expect.poll(() => ben.messages(), { timeout: 15_000 }).toEqual([FIRST, REPLY, PUSHED, OFFLINE]);
    expect(await aino.messages()).toEqual([FIRST, REPLY, PUSHED, OFFLINE]);

    // Ben deletes his account: the match leaves Aino's list at once.
    await ben.tab("Account");
    await ben.page.getByRole("form", { name: "Delete my account" }).getByLabel("Password").fill(PASSWORD);
    await ben.page.getByRole("form", { name: "Delete my account" }).getByRole("button").click();
    await ben.page.getByRole("button", { name: "Keep my account" }).waitFor();
    await aino.tab("Matches");
    await aino.page.getByText("No matches yet.", { exact: false }).waitFor({ timeout: 15_000 });
    await aino.screenshot("matches");

    expect([...aino.problems, ...ben.problems]).toEqual([]);
    // Signed in, the app told the server its UI language (the browser's: English) for mails and news.
    const db = new BetterSqlite3(join(server.dataDir, "data", "account.sqlite"), { readonly: true });
    const language = db.prepare<[string], { language: string | null }>(
      "SELECT language FROM account WHERE email = ?",
    );
    const uiLanguage = (await aino.page.evaluate("document.documentElement.lang")) as string;
    expect(uiLanguage).toBe("en");
    expect(language.get(aino.person.email)?.language).toBe(uiLanguage);
    db.close();
  }, 300_000);
});

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PublicKeyResponse } from "@venus/model";
import { afterAll, describe, expect, test } from "vitest";
import { useBrowser } from "../testing/browser.js";
import { like } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { as, closeAll, north, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { uniqueEmail } from "../testing/sign-in.js";
import { acceptingModerationBot, readyProfile, visibleTo } from "../testing/web-app/moderated-world.js";
import { PersonInBrowser, type Person } from "../testing/web-app/person.js";

const files = mkdtempSync(join(tmpdir(), "venus-web-app-keys-"));
const fixture = useServer({
  config: {
    rate_limits: GENEROUS_RATE_LIMITS,
    bots: { moderation_bot: true, file: acceptingModerationBot(files) },
  },
});
const chromium = useBrowser();
const api: ProfileUser[] = [];
const pages: PersonInBrowser[] = [];
afterAll(async () => {
  for (const [index, page] of pages.entries())
    await page.screenshot(`last-keys-${index}`).catch(() => undefined);
  for (const page of pages) await page.close();
  closeAll(api);
  rmSync(files, { recursive: true, force: true });
});

const HOME = { latitude: 60.1699, longitude: 24.9384 };
const FIRST = "Before your new phone";
const SECOND = "After your new phone";
const THIRD = "Got it on the new one";

describe("chat keys in the web app", () => {
  test("a match signs in on a new device: the next send finds the key outdated, fetches it, the new device reads it", async () => {
    const server = fixture.server;
    const aino: Person = {
      email: uniqueEmail("aino"),
      name: "Aino",
      gender: "Woman",
      wants: "Man",
      location: HOME,
    };
    const ben: Person = {
      email: uniqueEmail("ben"),
      name: "Ben",
      gender: "Man",
      wants: "Woman",
      location: north(HOME, 10),
    };
    const ainoApi = await readyProfile(server, { ...aino, gender: "woman", wants: "man" });
    const benApi = await readyProfile(server, { ...ben, gender: "man", wants: "woman" });
    api.push(ainoApi, benApi);
    expect((await like(server, ainoApi, benApi)).status).toBe(200);
    expect((await like(server, benApi, ainoApi)).body).toMatchObject({ matched: true });
    await visibleTo(server, ainoApi, benApi, { name: "Ben", images: 1 });
    await visibleTo(server, benApi, ainoApi, { name: "Aino", images: 1 });

    const open = async (person: Person) => {
      const opened = await PersonInBrowser.open(chromium.browser, person, server.url);
      pages.push(opened);
      await opened.signIn();
      return opened;
    };
    const ainoPage = await open(aino);
    const benOld = await open(ben);
    await ainoPage.openChat("Ben");
    await benOld.openChat("Aino");
    await ainoPage.send(FIRST);
    await expect.poll(() => benOld.messages(), { timeout: 15_000 }).toEqual([FIRST]);
    const benKey = async () =>
      (await as(server, ainoApi).get<PublicKeyResponse>(`/chat/public_key/${benApi.accountId}`)).body.key_id;
    const oldKey = await benKey();

    // Ben moves to a new browser: it makes and publishes its own key, now his current one.
    await benOld.close();
    pages.splice(pages.indexOf(benOld), 1);
    const benNew = await open(ben);
    await expect.poll(benKey, { timeout: 15_000 }).toBeGreaterThan(oldKey);

    // Aino's app still holds Ben's old key: the send is refused as outdated, the app fetches the new
    // key and sends again, and Ben's new device decrypts it.
    const outdated: string[] = [];
    ainoPage.page.on("response", (response) => {
      if (response.status() === 409)
        void response
          .json()
          .then((body: { error: { code: string; details: { field: string } } }) =>
            outdated.push(`${body.error.code} ${body.error.details.field}`),
          );
    });
    const beforeSend = ainoPage.problems.length;
    await ainoPage.send(SECOND);
    await benNew.openChat("Aino");
    // Only what came after the move: the earlier message stayed on the old device.
    await expect.poll(() => benNew.messages(), { timeout: 15_000 }).toEqual([SECOND]);
    await benNew.page
      .getByText("kept only on this device. On a new device, earlier messages are not there.", {
        exact: false,
      })
      .waitFor();
    expect(outdated).toEqual(["public_key_outdated recipient_key_id"]);
    expect(ainoPage.problems.splice(beforeSend)).toEqual([
      expect.stringMatching(/^409 POST .*\/chat\/messages$/),
    ]);
    await expect
      .poll(() => ainoPage.page.locator(".messages .status").last().textContent(), { timeout: 15_000 })
      .toBe("Seen");

    // Ben answers from the new device: Aino verifies his signature with the new key.
    await benNew.send(THIRD);
    await expect.poll(() => ainoPage.messages(), { timeout: 15_000 }).toEqual([FIRST, SECOND, THIRD]);
    await benNew.screenshot("chat-new-device");

    expect([...ainoPage.problems, ...benNew.problems]).toEqual([]);
  }, 240_000);
});

import { VenusClient } from "@venus/bot-client";
import { expect, test } from "vitest";
import { prepareSetup } from "../scenarios/steps/people.js";
import { HELSINKI, sleep } from "../testing/profile-flow.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";
import { startServer } from "../testing/spawn-server.js";

/** The README's bots demo must show pictures within this long of the server's start. */
const DEMO_MS = 60_000;

/** Polls `value()` every 250 ms until it gives something, failing at `deadline`. */
async function until<T>(what: string, deadline: number, value: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const result = await value();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`not by the deadline: ${what}`);
    await sleep(250);
  }
}

test("the README's bots demo: a new user near Helsinki browses and opens a bot's picture within 60 s of the start", async () => {
  const server = await startServer({
    // README.md: `[bots] users = 10, moderation_bot = true`, nothing else (no local bot login for tests).
    config: { bots: { users: 10, moderation_bot: true, local_login: false } },
  });
  const deadline = Date.now() + DEMO_MS;
  try {
    const viewer = await VenusClient.signUp(server.url, uniqueEmail("demo"), PASSWORD);
    await prepareSetup(viewer, {
      name: "Ville",
      birthdate: "1992-03-01",
      gender: "man",
      lookingFor: ["woman"],
    });
    await viewer.account.completeSetup();
    await viewer.profile.setLocation(HELSINKI);

    const picture = await until("a bot with an accepted picture in the first page", deadline, async () => {
      const { session_id } = await viewer.profile.browseReset({ filters: { max_distance_km: 50 } });
      for (const { account_id } of (await viewer.profile.browseNext(session_id)).profiles) {
        const [image] = (await viewer.media.profileContent(account_id)).images;
        if (image) return { account_id, content_id: image.content_id };
      }
      return undefined;
    });
    const file = await viewer.media.contentFile(picture.account_id, picture.content_id);
    expect(file.notModified).toBe(false);
    expect(file.bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
    await viewer.close();
  } finally {
    await server.stop();
    server.cleanup();
  }
}, 90_000);

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { VenusClient } from "@venus/bot-client";
import { testJpeg } from "../testing/media-flow.js";
import { prepareSetup } from "../scenarios/steps/people.js";
import { region, sleep } from "../testing/profile-flow.js";
import { PASSWORD, uniqueEmail } from "../testing/sign-in.js";
import { isAlive, newDataDir, startServer } from "../testing/spawn-server.js";

const CENTRE = region(6);

/** Waits for `value()` to be defined (or true), checking every 100 ms, up to `timeoutMs`. */
async function until<T>(
  what: string,
  value: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await value();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(100);
  }
}

/** The pids the bots process had, from the lines the server forwards from it. */
const botPids = (output: readonly string[]) =>
  new Set(
    output
      .filter((line) => line.includes('"worker":"bots"') && line.includes('"pid"'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid),
  );

describe("the bots the server runs", () => {
  test("venus bot --local: user bots set up and are found, the moderation bot accepts their images; a killed bots process comes back with the same accounts; shutdown stops it", async () => {
    const dir = newDataDir();
    const botsFile = join(dir, "bots.toml");
    writeFileSync(
      botsFile,
      [
        "[users]",
        `latitude = ${CENTRE.latitude}`,
        `longitude = ${CENTRE.longitude}`,
        "radius_km = 5",
        "act_every_seconds = 0.2",
        "[[profiles]]",
        'names = ["Bot"]',
        'genders = ["woman"]',
        'looking_for = ["man"]',
        "[moderation]",
        "accept_other_images = true",
        // The detectors are off in tests: the rules that need them must be off too.
        "nudity_reject_above = 1",
        "nudity_accept_below = 0",
        "face_image_needs_face = false",
        "selfie_needs_face = false",
        "",
      ].join("\n"),
    );
    const server = await startServer({
      dataDir: dir,
      config: {
        rate_limits: GENEROUS_RATE_LIMITS,
        bots: { users: 2, moderation_bot: true, file: botsFile },
      },
    });
    try {
      const accountsFile = join(server.dataDir, "data", "bots.json");
      const accounts = await until("bots.json lists 2 user bots and a moderator", () => {
        if (!existsSync(accountsFile)) return undefined;
        const parsed = JSON.parse(readFileSync(accountsFile, "utf8")) as {
          users: string[];
          moderator: string | null;
        };
        return parsed.users.length === 2 && parsed.moderator !== null ? parsed : undefined;
      });

      // The bots like, and moderate, whoever is around: a client that queues events copes with that.
      const viewer = await VenusClient.signUp(server.url, uniqueEmail("viewer"), PASSWORD);
      await prepareSetup(
        viewer,
        { name: "Viewer", birthdate: "1990-01-01", gender: "man", lookingFor: ["woman"] },
        await testJpeg(),
      );
      await viewer.account.completeSetup();
      await viewer.profile.setLocation(CENTRE);
      await until("a man near the centre finds both user bots", async () => {
        const { session_id } = await viewer.profile.browseReset({ filters: { max_distance_km: 20 } });
        const ids = (await viewer.profile.browseNext(session_id)).profiles.map((p) => p.account_id);
        return accounts.users.every((id) => ids.includes(id)) || undefined;
      });
      await until("the moderation bot accepted the user bots' images", async () => {
        for (const id of accounts.users) {
          if ((await viewer.media.profileContent(id)).images.length === 0) return undefined;
        }
        return true;
      });

      const [first] = await until("the bots process logged", () => [...botPids(server.output)]);
      process.kill(first as number, "SIGKILL");
      await until("the server restarts the bots process", () =>
        server.output.some((line) => line.includes('"worker":"bots"') && line.includes("restarting")),
      );
      const restarted = await until("a new bots process logs", () =>
        [...botPids(server.output)].find((pid) => pid !== first),
      );
      await until("the restarted bots run", () =>
        server.output.some(
          (line) => line.includes('"msg":"bots running"') && line.includes(`"pid":${restarted}`),
        ),
      );
      const after = JSON.parse(readFileSync(accountsFile, "utf8")) as typeof accounts;
      expect(after).toEqual(accounts);

      await viewer.close();
      expect(await server.stop("SIGTERM")).toBe(0);
      expect(isAlive(restarted)).toBe(false);
    } finally {
      await server.stop("SIGKILL");
      server.cleanup();
    }
  }, 90_000);
});

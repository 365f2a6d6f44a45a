import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AdminContentResponse } from "@venus/model";
import { stringify } from "smol-toml";
import { describe, expect, test } from "vitest";
import { completeSetup, expectError } from "../testing/account-flow.js";
import { request } from "../testing/http-client.js";
import { finalState, putMedia, upload } from "../testing/media-flow.js";
import { sleep } from "../testing/profile-flow.js";
import { signUp } from "../testing/sign-in.js";
import { DETECTOR_RULES_OFF, newDataDir, startServer } from "../testing/spawn-server.js";
import { FACE_SAMPLE } from "../testing/face-samples.js";

/**
 * The moderation rules that read detector findings are runtime flags too: the bots file gives their
 * values until a flag is first set, then the flag decides — at flag changes and at start-up.
 */
const ADMIN_EMAIL = "rule-flags@example.com";
/** face-api's demo photo (3 clothed women at a party), from its npm package. */

describe("moderation rule flags", () => {
  test("bots file values until set; types and ranges; a rule without its detector is refused, then and at start-up", async () => {
    const dir = newDataDir();
    const botsFile = join(dir, "bots.toml");
    writeFileSync(botsFile, stringify({ moderation: { ...DETECTOR_RULES_OFF, nudity_reject_above: 0.7 } }));
    const config = (detectors: string[]) => ({
      admin: { grant_email: ADMIN_EMAIL },
      media: { detectors },
      bots: { file: botsFile },
    });
    const server = await startServer({ dataDir: dir, config: config(["nudity"]) });
    try {
      const admin = await signUp(server, { email: ADMIN_EMAIL });
      await completeSetup(server, admin);
      const flags = () => request(server.url, "GET", "/admin/flags", { token: admin.accessToken });
      const set = (name: string, value: unknown) =>
        request(server.url, "PUT", `/admin/flags/${name}`, { token: admin.accessToken, body: { value } });
      expect((await flags()).body).toMatchObject({
        moderation_nudity_reject_above: 0.7,
        moderation_nudity_accept_below: 0,
        moderation_face_image_needs_face: false,
        moderation_face_image_one_face: false,
        moderation_selfie_needs_face: false,
      });

      for (const value of [1.0001, -0.0001, "0.5", null])
        expectError(await set("moderation_nudity_reject_above", value), 400, "validation_failed");
      expectError(await set("moderation_nudity_accept_below", 1.0001), 400, "validation_failed");
      expectError(await set("moderation_face_image_one_face", 1), 400, "validation_failed");
      expect((await set("moderation_nudity_reject_above", 0)).body).toMatchObject({
        moderation_nudity_reject_above: 0,
      });
      expect((await set("moderation_nudity_reject_above", 1)).body).toMatchObject({
        moderation_nudity_reject_above: 1,
      });
      expect((await set("moderation_nudity_accept_below", 0.05)).status).toBe(200);

      // The faces detector is off: a face rule cannot be switched on, and nothing changes.
      for (const name of ["moderation_face_image_needs_face", "moderation_face_image_one_face"])
        expectError(await set(name, true), 409, "detector_off");
      expect((await set("moderation_selfie_needs_face", false)).status).toBe(200);
      expect((await flags()).body).toMatchObject({
        moderation_nudity_reject_above: 1,
        moderation_nudity_accept_below: 0.05,
        moderation_face_image_needs_face: false,
        moderation_face_image_one_face: false,
      });
      admin.ws.close();
    } finally {
      await server.stop();
    }

    // Every rule is off in the bots file now, but the flag set above keeps nudity_accept_below on:
    // without the nudity detector the server refuses to start, naming that rule only.
    writeFileSync(botsFile, stringify({ moderation: DETECTOR_RULES_OFF }));
    const refused = startServer({ dataDir: dir, config: config([]) });
    await expect(refused).rejects.toThrow(/server exited \(2\)/);
    const message = await refused.then(
      () => "",
      (error: Error) => error.message,
    );
    expect(message).toContain(
      "moderation.nudity_accept_below (flag moderation_nudity_accept_below) needs the nudity detector",
    );
    expect(message).not.toContain("moderation.nudity_reject_above");
    server.cleanup();
  }, 180_000);

  test("the server's moderation bot decides by a changed rule flag at once; rule and score are stored with the item", async () => {
    const dir = newDataDir();
    const botsFile = join(dir, "bots.toml");
    writeFileSync(botsFile, stringify({ moderation: DETECTOR_RULES_OFF }));
    const server = await startServer({
      dataDir: dir,
      config: {
        admin: { grant_email: ADMIN_EMAIL },
        media: { detectors: ["nudity", "faces"], sizes: [1280, 256], worker_job_timeout_seconds: 60 },
        bots: { file: botsFile, moderation_bot: true, users: 0 },
      },
    });
    try {
      const admin = await signUp(server, { email: ADMIN_EMAIL });
      await completeSetup(server, admin);
      const user = await signUp(server);
      const started = await upload(server, user, readFileSync(FACE_SAMPLE));
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      const { status } = await finalState(user, started.body.processing_id, 120_000);
      if (status.state !== "completed") throw new Error(JSON.stringify(status));
      await putMedia(server, user, "/media/profile_content", { images: [status.content_id] });
      const item = async () => {
        const list = await request<AdminContentResponse>(
          server.url,
          "GET",
          `/admin/accounts/${user.accountId}/content`,
          { token: admin.accessToken },
        );
        return list.body.items.find((candidate) => candidate.content_id === status.content_id);
      };
      // Every rule is off: the bot leaves the photo to people.
      expect(await item()).toMatchObject({ state: "waiting", decision: null });

      const set = await request(server.url, "PUT", "/admin/flags/moderation_nudity_accept_below", {
        token: admin.accessToken,
        body: { value: 1 },
      });
      expect(set.status).toBe(200);
      const deadline = Date.now() + 120_000;
      let decided = await item();
      while (decided?.state === "waiting" && Date.now() < deadline) {
        await sleep(500);
        decided = await item();
      }
      expect(decided).toMatchObject({
        state: "accepted",
        decision: { rule: "nudity_accept_below", score: expect.any(Number) },
      });
      expect(decided?.decision?.score).toBeLessThan(1);
      for (const client of [admin, user]) client.ws.close();
    } finally {
      await server.stop();
      server.cleanup();
    }
  }, 300_000);
});

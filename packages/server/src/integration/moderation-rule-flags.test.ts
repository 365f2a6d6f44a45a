import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "smol-toml";
import { describe, expect, test } from "vitest";
import { completeSetup, expectError } from "../testing/account-flow.js";
import { request } from "../testing/http-client.js";
import { signUp } from "../testing/sign-in.js";
import { DETECTOR_RULES_OFF, newDataDir, startServer } from "../testing/spawn-server.js";

/**
 * The moderation rules that read detector findings are runtime flags too: the bots file gives their
 * values until a flag is first set, then the flag decides — at flag changes and at start-up.
 */
const ADMIN_EMAIL = "rule-flags@example.com";

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
});

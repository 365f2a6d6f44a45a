import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "smol-toml";
import type {
  AdminContentResponse,
  MediaModerationPage,
  OwnContentResponse,
  ProfileContentResponse,
} from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { auditPage } from "../testing/admin-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { finalState, putMedia, upload } from "../testing/media-flow.js";
import { as, createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { newDataDir, VENUS_BIN } from "../testing/spawn-server.js";
import { signUp } from "../testing/sign-in.js";
import { FACE_SAMPLE } from "../testing/face-samples.js";

/**
 * The image detectors through the real server: findings stored with the item, shown to moderators
 * and not to the owner, the grid crop framed on the largest face, and start-up refused when a rule
 * needs a detector that is off. The photo is face-api's demo sample1.jpg (3 faces), from its npm package.
 */
const ADMIN_EMAIL = "detector-admin@example.com";

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    media: { detectors: ["nudity", "faces"], sizes: [1280, 256], worker_job_timeout_seconds: 60 },
  },
});

let admin: ProfileUser;
beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Boss" });
}, 120_000);

describe("image detectors in the server", () => {
  test("findings go to moderators only; the crop frames the largest face; decisions carry rule and score", async () => {
    const user = await signUp(fixture.server);
    const started = await upload(fixture.server, user, readFileSync(FACE_SAMPLE));
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const { status } = await finalState(user, started.body.processing_id, 90_000);
    if (status.state !== "completed") throw new Error(JSON.stringify(status));
    const contentId = status.content_id;

    const queue = await as(fixture.server, admin).get<MediaModerationPage>("/admin/media/moderation");
    const item = queue.body.items.find((candidate) => candidate.content_id === contentId);
    expect(item?.analysis?.faces).toHaveLength(3);
    expect(item?.analysis?.nudity?.neutral).toBeGreaterThan(0.5);
    expect(item?.analysis).not.toHaveProperty("face_descriptor");
    const own = await as(fixture.server, user).get<OwnContentResponse>("/media/content");
    expect(JSON.stringify(own.body)).not.toContain("faces");
    expect(JSON.stringify(own.body)).not.toContain("nudity");

    await putMedia(fixture.server, user, "/media/profile_content", { images: [contentId] });
    const profile = await as(fixture.server, user).get<ProfileContentResponse>(
      `/media/profile_content/${user.accountId}`,
    );
    const crop = profile.body.crop;
    const largest = item?.analysis?.faces?.[0];
    if (!crop || !largest) throw new Error("no crop or no face");
    // 1280 × 853 stored: the crop's side is a fraction of 853, its corner a fraction of each side.
    expect(crop.size).toBeLessThan(1);
    const side = { x: (crop.size * 853) / 1280, y: crop.size };
    expect(crop.x).toBeLessThanOrEqual(largest.x);
    expect(crop.y).toBeLessThanOrEqual(largest.y);
    expect(crop.x + side.x).toBeGreaterThanOrEqual(largest.x + largest.width);
    expect(crop.y + side.y).toBeGreaterThanOrEqual(largest.y + largest.height);

    const decision = {
      account_id: user.accountId,
      content_id: contentId,
      accept: true,
      rule: "by_hand",
      score: 0.5,
    };
    expect((await as(fixture.server, admin).post("/admin/media/moderation", decision)).status).toBe(200);
    const audit = await auditPage(fixture.server, admin);
    expect(audit.body.items[0]?.details).toMatchObject({ body: { rule: "by_hand", score: 0.5 } });
    // Stored with the item too: moderators see rule and score in the account's content, owners do not.
    const seen = await as(fixture.server, admin).get<AdminContentResponse>(
      `/admin/accounts/${user.accountId}/content`,
    );
    const decided = seen.body.items.find((candidate) => candidate.content_id === contentId);
    expect(decided).toMatchObject({ state: "accepted", decision: { rule: "by_hand", score: 0.5 } });
    expect(decided?.analysis?.faces).toHaveLength(3);
    expect(decided?.moderated_at).toEqual(expect.any(Number));
    const ownAfter = await as(fixture.server, user).get<OwnContentResponse>("/media/content");
    expect(JSON.stringify(ownAfter.body)).not.toContain("by_hand");
    user.ws.close();
  }, 180_000);

  test("a server whose rules need detectors that are off refuses to start, naming the rules", () => {
    const dir = newDataDir();
    const config = join(dir, "venus.toml");
    writeFileSync(config, stringify({ data_dir: join(dir, "data"), media: { detectors: ["nudity"] } }));
    const run = spawnSync(process.execPath, [VENUS_BIN, "server", "--config", config], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      "moderation.face_image_needs_face (flag moderation_face_image_needs_face) needs the faces detector",
    );
    expect(run.stderr).toContain(
      "moderation.selfie_needs_face (flag moderation_selfie_needs_face) needs the faces detector",
    );
    expect(run.stderr).not.toContain("nudity_reject_above");
  });
});

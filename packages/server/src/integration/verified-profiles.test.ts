import type { ProfileContentResponse, VerificationQueue } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { expectError } from "../testing/account-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { finalState, putMedia, upload } from "../testing/media-flow.js";
import {
  as,
  browseIds,
  browseNext,
  browseReset,
  closeAll,
  createProfileUser,
  manAt,
  region,
  viewProfile,
  womanAt,
  type ProfileUser,
} from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp, type SignedIn } from "../testing/sign-in.js";
import { DETECTOR_MEDIA, cutFaceSample } from "../testing/face-samples.js";

/**
 * Verified profiles through the real server, with the real face detector. The photos are cut from
 * face-api's demo sample1.jpg (its npm package): the woman on the left twice, framed differently
 * (selfie and face image: the same photo, so this tests framing and scale, not a second photo of
 * her), and her neighbour (a different person).
 */
const ADMIN_EMAIL = "verifier@example.com";

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    media: DETECTOR_MEDIA,
  },
});

let admin: ProfileUser;
beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Boss" });
}, 120_000);

async function uploaded(user: SignedIn, bytes: Buffer): Promise<string> {
  const started = await upload(fixture.server, user, bytes);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const { status } = await finalState(user, started.body.processing_id, 90_000);
  if (status.state !== "completed") throw new Error(JSON.stringify(status));
  return status.content_id;
}

const contentOf = async (viewer: { accessToken: string }, owner: SignedIn) =>
  (await as(fixture.server, viewer).get<ProfileContentResponse>(`/media/profile_content/${owner.accountId}`))
    .body;

describe("verified profiles", () => {
  test("a matching face verifies automatically; a new face image that does not match goes to a human", async () => {
    const user = await signUp(fixture.server);
    const selfie = await uploaded(user, await cutFaceSample(0.13, 0.17, 0.25, 0.4));
    const same = await uploaded(user, await cutFaceSample(0.05, 0.05, 0.36, 0.7));
    const other = await uploaded(user, await cutFaceSample(0.36, 0.2, 0.27, 0.45));
    await putMedia(fixture.server, user, "/media/security_selfie", { content_id: selfie });
    await putMedia(fixture.server, user, "/media/profile_content", { images: [same, other] });
    expect(await contentOf(user, user)).toMatchObject({ verified: true, verification: "verified" });
    expect(await contentOf(admin, user)).toMatchObject({ verified: true });

    // Her neighbour first: verification is lost and a human is asked.
    await putMedia(fixture.server, user, "/media/profile_content", { images: [other, same] });
    expect(await contentOf(user, user)).toMatchObject({ verified: false, verification: "pending" });
    const queue = await as(fixture.server, admin).get<VerificationQueue>("/admin/media/verification");
    const item = queue.body.items.find((candidate) => candidate.account_id === user.accountId);
    expect(item?.security_selfie).toBe(selfie);
    expect(item?.images.map((image) => image.content_id)).toEqual([other, same]);
    const [otherSimilarity, sameSimilarity] = item?.images.map((image) => image.similarity) ?? [];
    expect(otherSimilarity).toBeLessThan(0.4);
    expect(sameSimilarity).toBeGreaterThan(0.45);

    // A decision on a pair that is no longer current is refused; on the current one it stands.
    const decide = (face_image: string) =>
      as(fixture.server, admin).post("/admin/media/verification", {
        account_id: user.accountId,
        security_selfie: selfie,
        face_image,
        verified: true,
      });
    expectError(await decide(same), 404, "not_found");
    expect((await decide(other)).status).toBe(200);
    expect(await contentOf(user, user)).toMatchObject({ verified: true, verification: "verified" });
    const after = await as(fixture.server, admin).get<VerificationQueue>("/admin/media/verification");
    expect(after.body.items.map((candidate) => candidate.account_id)).not.toContain(user.accountId);
    expectError(await as(fixture.server, user).get("/admin/media/verification"), 403, "forbidden");
    user.ws.close();
  }, 300_000);

  test("verified shows on profiles and browse items to other users; verified_only hides the others", async () => {
    const origin = region(0);
    const viewer = await womanAt(fixture.server, origin);
    const [checked, plain] = [
      await manAt(fixture.server, origin, 5),
      await manAt(fixture.server, origin, 10),
    ];
    const selfie = await uploaded(checked, await cutFaceSample(0.13, 0.17, 0.25, 0.4));
    const same = await uploaded(checked, await cutFaceSample(0.05, 0.05, 0.36, 0.7));
    const other = await uploaded(checked, await cutFaceSample(0.36, 0.2, 0.27, 0.45));
    await putMedia(fixture.server, checked, "/media/security_selfie", { content_id: selfie });
    await putMedia(fixture.server, checked, "/media/profile_content", { images: [same, other] });

    const seen = async (target: ProfileUser, version?: number) =>
      (await viewProfile(fixture.server, viewer, target.accountId, version)).body;
    expect(await seen(checked)).toMatchObject({ unchanged: false, profile: { verified: true } });
    expect(await seen(plain)).toMatchObject({ unchanged: false, profile: { verified: false } });
    const all = await browseIds(fixture.server, viewer, { filters: { max_distance_km: 50 } });
    expect(all).toEqual([checked.accountId, plain.accountId]);
    const onlyVerified = { filters: { max_distance_km: 50, verified_only: true } };
    expect(await browseIds(fixture.server, viewer, onlyVerified)).toEqual([checked.accountId]);
    const session = await browseReset(fixture.server, viewer, onlyVerified);
    const verifiedPage = await browseNext(fixture.server, viewer, session);
    expect(verifiedPage.profiles).toMatchObject([{ account_id: checked.accountId, verified: true }]);

    // A face image that does not match: the profile's version stays, verified does not, in a running
    // session too.
    const running = await browseReset(fixture.server, viewer, onlyVerified);
    await putMedia(fixture.server, checked, "/media/profile_content", { images: [other, same] });
    expect(await seen(checked, checked.version)).toMatchObject({ unchanged: true, verified: false });
    expect((await browseNext(fixture.server, viewer, running)).profiles).toEqual([]);
    expect(await browseIds(fixture.server, viewer, onlyVerified)).toEqual([]);
    const plainPage = await browseNext(
      fixture.server,
      viewer,
      await browseReset(fixture.server, viewer, { filters: { max_distance_km: 50 } }),
    );
    expect(plainPage.profiles.map((item) => item.verified)).toEqual([false, false]);
    closeAll([viewer, checked, plain]);
  }, 300_000);
});

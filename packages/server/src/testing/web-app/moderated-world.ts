import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ProfileContentResponse, ProfileResponse } from "@venus/model";
import { expect } from "vitest";
import { setUpMedia } from "../media-flow.js";
import { as, birthdateFor, type Gender, type Point, type ProfileUser } from "../profile-flow.js";
import { signUp } from "../sign-in.js";

/**
 * Writes a bots file into `dir` whose moderation bot accepts every name, text and photo that no rule
 * rejects, so that people in a test see each other's; returns its path (`bots.file`).
 */
export function acceptingModerationBot(dir: string): string {
  const file = join(dir, "bots.toml");
  writeFileSync(
    file,
    // The detectors are off in tests: the rules that need them must be off too.
    "[moderation]\naccept_other_images = true\naccept_other_texts = true\ncheck_every_seconds = 1\n" +
      "nudity_reject_above = 1\nnudity_accept_below = 0\nface_image_needs_face = false\nselfie_needs_face = false\n",
  );
  return file;
}

/** Waits until `viewer` sees `user`'s profile with this name (and text) and this many photos. */
export async function visibleTo(
  server: { url: string },
  viewer: { accessToken: string },
  user: { accountId: string },
  expected: { name: string; text?: string; images: number },
): Promise<void> {
  const seen = async () => {
    const profile = await as(server, viewer).get<ProfileResponse>(`/profile/${user.accountId}`);
    const content = await as(server, viewer).get<ProfileContentResponse>(
      `/media/profile_content/${user.accountId}`,
    );
    const view = !profile.body.unchanged ? profile.body.profile : undefined;
    return {
      name: view?.name,
      ...(expected.text === undefined ? {} : { text: view?.text }),
      images: content.status === 200 ? content.body.images.length : 0,
    };
  };
  await expect.poll(seen, { timeout: 20_000, interval: 500 }).toEqual(expected);
}

/**
 * A public profile made over the API, set up like `createProfileUser` does but checking only the
 * answers: with the moderation bot deciding meanwhile, its events come in no fixed order.
 */
export async function readyProfile(
  server: { url: string; wsUrl: string },
  options: { email: string; name: string; gender: Gender; wants: Gender; location?: Point },
): Promise<ProfileUser> {
  const user: ProfileUser = { ...(await signUp(server, { email: options.email })), version: 0 };
  const api = as(server, user);
  const ok = async (reply: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await reply;
    expect(status, JSON.stringify(body)).toBe(200);
  };
  await ok(
    api.post("/account/setup", {
      name: options.name,
      birthdate: birthdateFor(30),
      gender: options.gender,
      looking_for: [options.wants],
    }),
  );
  await setUpMedia(server, user);
  await ok(api.post("/account/complete_setup"));
  if (options.location) await ok(api.put("/profile/location", options.location));
  await ok(api.put("/profile/visibility", { visibility: "public" }));
  return user;
}

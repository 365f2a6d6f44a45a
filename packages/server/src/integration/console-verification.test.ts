import type { ProfileContentResponse } from "@venus/model";
import { beforeAll, describe, expect, test } from "vitest";
import { newPage, screenshot, useBrowser } from "../testing/browser.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { openConsole } from "../testing/console-flow.js";
import { finalState, putMedia, upload } from "../testing/media-flow.js";
import { as, createProfileUser, type ProfileUser } from "../testing/profile-flow.js";
import { useServer } from "../testing/server-fixture.js";
import { signUp, type SignedIn } from "../testing/sign-in.js";
import { DETECTOR_MEDIA, cutFaceSample } from "../testing/face-samples.js";

/**
 * The detectors' findings and the verification queue in the console, with the real detectors (slow:
 * four small uploads in all). The admin's own set-up images are gradients without a face, so the
 * admin waits for verification too; the member's selfie and face image are two different women cut
 * from face-api's demo sample1.jpg (its npm package), so the member waits with a low similarity.
 */
const ADMIN_EMAIL = "console-verifier@example.com";

const fixture = useServer({
  config: {
    admin: { grant_email: ADMIN_EMAIL },
    rate_limits: GENEROUS_RATE_LIMITS,
    media: DETECTOR_MEDIA,
  },
});
const chromium = useBrowser();

async function uploaded(user: SignedIn, bytes: Buffer): Promise<string> {
  const started = await upload(fixture.server, user, bytes);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const { status } = await finalState(user, started.body.processing_id, 90_000);
  if (status.state !== "completed") throw new Error(JSON.stringify(status));
  return status.content_id;
}

const verificationOf = async (owner: SignedIn) =>
  (await as(fixture.server, admin).get<ProfileContentResponse>(`/media/profile_content/${owner.accountId}`))
    .body.verification;

let admin: ProfileUser;
let member: SignedIn;
beforeAll(async () => {
  admin = await createProfileUser(fixture.server, { email: ADMIN_EMAIL, name: "Boss" });
  member = await signUp(fixture.server);
  const selfie = await uploaded(member, await cutFaceSample(0.13, 0.17, 0.25, 0.4));
  const neighbour = await uploaded(member, await cutFaceSample(0.36, 0.2, 0.27, 0.45));
  await putMedia(fixture.server, member, "/media/security_selfie", { content_id: selfie });
  await putMedia(fixture.server, member, "/media/profile_content", { images: [neighbour] });
  expect(await verificationOf(member)).toBe("pending");
}, 240_000);

describe("detector findings and verification in the console", () => {
  test("each queued image shows its findings; the selected one every score", async () => {
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    const grid = page.getByRole("list", { name: "Images, oldest first" }).getByRole("listitem");
    await expect.poll(() => grid.count()).toBe(4);
    // The admin's two gradients first (no face), then the member's selfie and face image (one face each).
    expect(await grid.getByText("0 faces").count()).toBe(2);
    expect(await grid.getByText(/^nudity \d+% · 1 face$/).count()).toBe(2);
    const aside = page.getByRole("complementary", { name: "Selected image" });
    const findings = aside.getByRole("definition");
    await expect
      .poll(() => findings.allTextContents())
      .toEqual([expect.stringMatching(/^\d+% \(porn/), "0 faces"]);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await expect.poll(() => findings.nth(1).textContent()).toMatch(/^1 face \(confidence \d+%\)$/);
    await aside.getByRole("img", { name: "Security selfie" }).waitFor();
    await screenshot(page, "images-findings");
    expect(problems).toEqual([]);
    await close();
  }, 60_000);

  test("the selfie beside the face image with its similarity; decided by key and by button", async () => {
    const { page, problems, close } = await newPage(chromium.browser);
    await openConsole(page, fixture.server, ADMIN_EMAIL);
    await page.getByRole("link", { name: "Verification" }).click();
    const queue = page.getByRole("region", { name: "Waiting verifications" });
    await queue.getByText("2 waiting").waitFor();
    // The admin changed first: no face in either image, so nothing to compare.
    const first = queue.getByRole("article", { name: `Account ${admin.accountId}` });
    await first.getByText("Face image: no face to compare").waitFor();
    await page.keyboard.press("j");
    const second = queue.getByRole("article", { name: `Account ${member.accountId}` });
    const caption = await second.getByText(/^Face image: similarity \d+%$/).textContent();
    expect(Number(caption?.match(/(\d+)%/)?.[1])).toBeLessThan(45);
    await second.getByRole("img", { name: "Security selfie" }).waitFor();
    await second.getByRole("img", { name: "Profile image 1" }).waitFor();
    await screenshot(page, "verification");

    await page.keyboard.press("n");
    await page.getByRole("status").filter({ hasText: "Not verified" }).waitFor();
    await first.getByRole("button", { name: "Verified (v)" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /^Verified$/ })
      .waitFor();
    await queue.getByText("No profile waits for verification.").waitFor();
    expect(await verificationOf(member)).toBe("unverified");
    expect(await verificationOf(admin)).toBe("verified");
    expect(problems).toEqual([]);
    await close();
  }, 60_000);
});

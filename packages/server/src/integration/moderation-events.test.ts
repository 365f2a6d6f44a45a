import { describe, expect, test } from "vitest";
import { uploadImage } from "../testing/media-flow.js";
import { createProfileUser, editProfile, expectNoFrames } from "../testing/profile-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import type { Frame, WsClient } from "../testing/ws-client.js";

const ADMIN_EMAIL = "moderation-events-admin@example.com";
const fixture = useServer({
  config: { rate_limits: GENEROUS_RATE_LIMITS, admin: { grant_email: ADMIN_EMAIL } },
});

const queueEvent = (queue: string) => ({ type: "event", event: "moderation_queue_changed", data: { queue } });
const isQueueEvent = (frame: Frame) => frame.type === "event" && frame.event === "moderation_queue_changed";

/** Waits until everything the server sent so far has arrived (a ping's pong); returns and drops it. */
async function settle(ws: WsClient): Promise<Frame[]> {
  ws.send({ type: "ping", id: "settle" });
  await ws.take((frame) => frame.type === "pong" && frame.id === "settle");
  return ws.discard(() => true);
}

describe("moderation_queue_changed", () => {
  test("moderators are told when an image or a name or text joins its queue; others are not", async () => {
    const { server } = fixture;
    const admin = await createProfileUser(server, { email: ADMIN_EMAIL, moderationEvents: true });
    await settle(admin.ws);
    const user = await createProfileUser(server, { moderationEvents: true });
    // Setting the user up queued its two images, chose the waiting one as its profile image (a
    // moderator should look now) and queued its name.
    expect((await settle(admin.ws)).filter(isQueueEvent)).toEqual([
      queueEvent("images"),
      queueEvent("images"),
      queueEvent("images"),
      queueEvent("texts"),
    ]);

    await uploadImage(server, user);
    expect(await admin.ws.next()).toEqual(queueEvent("images"));
    await editProfile(server, user, { text: "A text that waits for a moderator." });
    expect(await admin.ws.next()).toEqual(queueEvent("texts"));
    expect((await settle(user.ws)).filter(isQueueEvent)).toEqual([]);
    await expectNoFrames(admin.ws);
  });
});

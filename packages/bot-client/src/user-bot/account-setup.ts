import type { BotsFile } from "@venus/model";
import type { VenusClient } from "../venus-client.js";
import { birthdateForAge } from "./birthdate.js";
import type { BotIdentity } from "./bot-identity.js";
import { generateBotImage } from "./generate-image.js";
import { randomPointWithin } from "./geo-point.js";
import { retryAfterMs } from "./retry-gate.js";
import { abortableDelay } from "./wakeup.js";

/** How long one upload may take to be processed (a busy image worker queues uploads). */
const UPLOAD_TIMEOUT_MS = 120_000;
/** Tries of one setup step refused with 429 or 503. */
const STEP_TRIES = 5;
/** The longest wait between two tries of a setup step. */
const MAX_STEP_WAIT_MS = 60_000;

export interface SetupContext {
  client: VenusClient;
  identity: BotIdentity;
  users: BotsFile["users"];
  random: () => number;
  signal: AbortSignal;
}

/**
 * Runs one setup step, trying again (up to STEP_TRIES) when the server answers 429 or 503 — after
 * its `Retry-After` — as many bots setting up at once can fill the image worker's queue.
 */
async function step<T>(context: SetupContext, call: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await call();
    } catch (error) {
      const wait = retryAfterMs(error, 1);
      if (wait === undefined || tries >= STEP_TRIES || context.signal.aborted) throw error;
      await abortableDelay(Math.min(wait, MAX_STEP_WAIT_MS), context.signal);
      if (context.signal.aborted) throw error;
    }
  }
}

/** Uploads a freshly generated picture and waits until it is processed; its content id. */
function uploadGenerated(context: SetupContext): Promise<string> {
  return step(context, async () =>
    context.client.media.uploadImage(await generateBotImage(context.random), {
      timeoutMs: UPLOAD_TIMEOUT_MS,
    }),
  );
}

/**
 * What an account in `initial_setup` needs before it is `normal`: the setup (name, a birthdate giving
 * the identity's age, gender, wanted genders), a security selfie and a profile image of its own
 * making, then `complete_setup`. An abort rejects the wait for an upload at once.
 */
export async function setUpAccount(context: SetupContext): Promise<void> {
  const { client, identity, signal } = context;
  // The only long wait is for uploads, on the event queue: an abort fails it, leaving no timer.
  const stopWaiting = () => client.events.fail(new Error("the user bot was stopped"));
  signal.addEventListener("abort", stopWaiting, { once: true });
  try {
    await step(context, () =>
      client.account.setup({
        name: identity.name,
        birthdate: birthdateForAge(identity.age, new Date(), context.random),
        gender: identity.gender,
        looking_for: identity.lookingFor,
      }),
    );
    const selfie = await uploadGenerated(context);
    const image = await uploadGenerated(context);
    await step(context, () => client.media.setSecuritySelfie(selfie));
    await step(context, () => client.media.setProfileContent({ images: [image] }));
    await step(context, () => client.account.completeSetup());
  } finally {
    signal.removeEventListener("abort", stopWaiting);
  }
}

/**
 * Makes a `normal` account's profile the bot's: after a fresh setup (or while its text is still
 * empty) the template's text and attributes (`PUT /profile`), a location within `radius_km` of the
 * centre when it has none, and public visibility. A restarted bot keeps what it had.
 */
export async function prepareProfile(context: SetupContext, freshSetup: boolean): Promise<void> {
  const { client, identity, users, random } = context;
  const me = await step(context, () => client.profile.me());
  if (freshSetup || (me.text.value === "" && identity.text !== ""))
    await step(context, () =>
      client.profile.edit({
        name: me.name.value,
        text: identity.text,
        age: me.age,
        gender: me.gender,
        wanted_genders: me.wanted_genders,
        wanted_age: me.wanted_age,
        unlimited_likes: me.unlimited_likes,
        attributes: identity.attributes,
      }),
    );
  if (me.location === null) {
    const point = randomPointWithin(users, users.radius_km, random);
    await step(context, () => client.profile.setLocation(point));
  }
  if (me.visibility !== "public") await step(context, () => client.profile.setVisibility("public"));
}

import { VenusClient, generateBotImage, seededRandom, type GeoPoint } from "@venus/bot-client";
import type { AccountStateResponse, Gender } from "@venus/model";

/** Every person in the scenarios signs in with this password. */
export const PASSWORD = "correct horse battery staple";

let counter = 0;
/** An email no other scenario (or run) uses. */
export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${process.pid}-${Date.now()}-${counter++}@example.com`;
}

/** Who a person says they are in the setup. */
export interface PersonSpec {
  name: string;
  /** `YYYY-MM-DD`; default 1995-06-15. */
  birthdate?: string;
  gender: Gender;
  lookingFor: Gender[];
  /** Default: a unique email made from the name. */
  email?: string;
}

/** A person's account: its connected client and the content it chose at setup. */
export interface Person {
  client: VenusClient;
  email: string;
  spec: PersonSpec;
  /** The security selfie's content id. */
  selfie: string;
  /** The profile image's content id (the face image). */
  image: string;
}

let cachedPhoto: Promise<Buffer> | undefined;
/**
 * A clean photo-like picture made with bot-client's generator: square and large enough for every
 * rule (the server's `media.min_side` and the moderation bot's), the same bytes every time.
 */
export const cleanPhoto = (): Promise<Buffer> =>
  (cachedPhoto ??= generateBotImage(seededRandom(7), { width: 640, height: 640 }));

/** Registers, logs in and connects: an account in `initial_setup`. */
export function signUp(url: string, email: string): Promise<VenusClient> {
  return VenusClient.signUp(url, email, PASSWORD);
}

/**
 * Everything before `complete_setup`: the setup answers, a security selfie and a profile image
 * (each uploaded and followed to its end by events), chosen as the selfie and the profile content.
 */
export async function prepareSetup(
  client: VenusClient,
  spec: PersonSpec,
  photo?: Buffer,
): Promise<{ selfie: string; image: string }> {
  await client.account.setup({
    name: spec.name,
    birthdate: spec.birthdate ?? "1995-06-15",
    gender: spec.gender,
    looking_for: spec.lookingFor,
  });
  const bytes = photo ?? (await cleanPhoto());
  const selfie = await client.media.uploadImage(bytes);
  const image = await client.media.uploadImage(bytes);
  await client.media.setSecuritySelfie(selfie);
  await client.media.setProfileContent({ images: [image] });
  return { selfie, image };
}

/** A person signs up and completes setup: an account in state `normal` with a private profile. */
export async function signUpAndSetUp(
  url: string,
  spec: PersonSpec,
): Promise<Person & { state: AccountStateResponse }> {
  const email = spec.email ?? uniqueEmail(spec.name.toLowerCase());
  const client = await signUp(url, email);
  const { selfie, image } = await prepareSetup(client, spec);
  const state = await client.account.completeSetup();
  return { client, email, spec, selfie, image, state };
}

/** Sets the location and goes public there: from now on the profile is listed at `point`. */
export async function goPublicAt(client: VenusClient, point: GeoPoint): Promise<void> {
  await client.profile.setLocation(point);
  await client.profile.setVisibility("public");
}

/** A person who completed setup and went public at `point`. */
export async function publicPerson(url: string, spec: PersonSpec, point: GeoPoint): Promise<Person> {
  const person = await signUpAndSetUp(url, spec);
  await goPublicAt(person.client, point);
  return person;
}

/** A person who completed setup, with a location at `point` but a private profile. */
export async function privatePerson(url: string, spec: PersonSpec, point: GeoPoint): Promise<Person> {
  const person = await signUpAndSetUp(url, spec);
  await person.client.profile.setLocation(point);
  return person;
}

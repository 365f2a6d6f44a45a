import { setUpMedia } from "./media-flow.js";
import type {
  BrowseItem,
  BrowsePage,
  BrowseResetRequest,
  OwnProfile,
  PrivacySettings,
  ProfileEditRequest,
  ProfileResponse,
  Visibility,
} from "@venus/model";
import { expect } from "vitest";
import { request, type HttpResult } from "./http-client.js";
import { signUp, type SignedIn } from "./sign-in.js";
import type { Frame, WsClient } from "./ws-client.js";

export type Gender = "man" | "woman" | "non_binary";
export const GENDERS: readonly Gender[] = ["man", "woman", "non_binary"];

export interface Point {
  latitude: number;
  longitude: number;
}

export const HELSINKI: Point = { latitude: 60.1699, longitude: 24.9384 };
export const TAMPERE: Point = { latitude: 61.4978, longitude: 23.761 };

/** Kilometres per degree along a meridian, with the server's Earth radius (IUGG mean, 6371.0088 km). */
const KM_PER_DEGREE = (Math.PI / 180) * 6371.0088;

/** The point `km` north of `origin` on its meridian: that far from `origin` by great-circle distance. */
export function north(origin: Point, km: number): Point {
  return { latitude: origin.latitude + km / KM_PER_DEGREE, longitude: origin.longitude };
}

/** Browse tests place each test's profiles around its own region, ~2,700 km from the next one. */
export function region(index: number): Point {
  return { latitude: 10, longitude: -170 + 25 * index };
}

/** A distance filter that keeps a browse session to the test's own region. */
export const NEAR = { max_distance_km: 1000 };

/** A birthdate that makes a person exactly `age` today (1 January, so the birthday has passed). */
export function birthdateFor(age: number): string {
  return `${new Date().getUTCFullYear() - age}-01-01`;
}

type Server = { url: string; wsUrl: string };

/** A signed-in user with a profile; `version` is the profile version the test last saw. */
export interface ProfileUser extends SignedIn {
  email: string;
  version: number;
}

/** Calls routes with the user's bearer token. */
export function as(server: { url: string }, user: { accessToken: string }) {
  const call =
    (method: string) =>
    <T = Record<string, unknown>>(path: string, body?: unknown): Promise<HttpResult<T>> =>
      request<T>(server.url, method, path, {
        token: user.accessToken,
        ...(body === undefined ? {} : { body }),
      });
  return { get: call("GET"), put: call("PUT"), post: call("POST"), delete: call("DELETE") };
}

/** The next frame must be `profile_changed` with this version (default: one more than last seen). */
export async function expectProfileChanged(user: ProfileUser, version = user.version + 1): Promise<void> {
  expect(await user.ws.next()).toEqual({ type: "event", event: "profile_changed", data: { version } });
  user.version = version;
}

let pingCounter = 0;

/** Nothing is queued on the socket: a ping sent now is answered by the very next frame. */
export async function expectNoFrames(ws: WsClient): Promise<void> {
  const id = `quiet-${pingCounter++}`;
  ws.send({ type: "ping", id });
  expect(await ws.next()).toEqual({ type: "pong", id });
}

let requestCounter = 0;

/** Sends a `request` frame and returns the `response` frame with its id, which must come next. */
export async function wsRequest(
  ws: WsClient,
  method: string,
  body?: unknown,
  id: string | number = ++requestCounter,
): Promise<{ status: number; body: unknown; frame: Frame }> {
  ws.send({ type: "request", id, method, ...(body === undefined ? {} : { body }) });
  const frame = await ws.next();
  expect(frame).toMatchObject({ type: "response", id });
  return { status: frame.status as number, body: frame.body, frame };
}

export interface NewProfile {
  email?: string;
  /** Connect with the msgpack subprotocol. */
  msgpack?: boolean;
  /** Keep `moderation_queue_changed` frames (see ws-client.ts). */
  moderationEvents?: boolean;
  name?: string;
  gender?: Gender;
  age?: number;
  wantedGenders?: Gender[];
  /** Set after setup when given. */
  location?: Point;
  /** Default public (set after the location); private is the profile's initial visibility. */
  visibility?: Visibility;
}

/**
 * Signs up and completes setup with the chosen gender, age and wanted genders (and a security selfie
 * and a profile image, not yet moderated), then sets the location
 * and visibility, checking each change's response and its `profile_changed` event.
 */
export async function createProfileUser(server: Server, options: NewProfile = {}): Promise<ProfileUser> {
  const signedIn = await signUp(server, {
    ...(options.email === undefined ? {} : { email: options.email }),
    msgpack: options.msgpack ?? false,
    moderationEvents: options.moderationEvents ?? false,
  });
  const user: ProfileUser = { ...signedIn, version: 0 };
  const api = as(server, user);
  const setup = await api.post("/account/setup", {
    name: options.name ?? "Alex",
    birthdate: birthdateFor(options.age ?? 30),
    gender: options.gender ?? "woman",
    looking_for: options.wantedGenders ?? ["man"],
  });
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  await setUpMedia(server, user);
  const done = await api.post("/account/complete_setup");
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  await expectProfileChanged(user, 1);
  expect(await user.ws.next()).toMatchObject({
    type: "event",
    event: "account_state_changed",
    data: { state: "normal" },
  });
  if (options.location) await setLocation(server, user, options.location);
  if ((options.visibility ?? "public") === "public") await setVisibility(server, user, "public");
  return user;
}

/** A public man who wants women, `km` north of `origin` (0.3 km more, so the distance rounds to `km`). */
export function manAt(
  server: Server,
  origin: Point,
  km: number,
  options: NewProfile = {},
): Promise<ProfileUser> {
  return createProfileUser(server, {
    gender: "man",
    wantedGenders: ["woman"],
    location: north(origin, km + 0.3),
    ...options,
  });
}

/** Men as `manAt` makes them at these distances, created in this order. */
export async function menAt<const K extends readonly number[]>(
  server: Server,
  origin: Point,
  kms: K,
): Promise<{ -readonly [I in keyof K]: ProfileUser }> {
  const users: ProfileUser[] = [];
  for (const km of kms) users.push(await manAt(server, origin, km));
  return users as { -readonly [I in keyof K]: ProfileUser };
}

/** A public woman who wants men, at `origin`: the viewer the men of `manAt` match. */
export function womanAt(server: Server, origin: Point, options: NewProfile = {}): Promise<ProfileUser> {
  return createProfileUser(server, { gender: "woman", wantedGenders: ["man"], location: origin, ...options });
}

/** A `{version}` answer one above the last seen version, and its event. */
async function expectNewVersion(user: ProfileUser, result: HttpResult): Promise<void> {
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toEqual({ version: user.version + 1 });
  await expectProfileChanged(user);
}

export async function setLocation(server: Server, user: ProfileUser, point: Point): Promise<void> {
  await expectNewVersion(user, await as(server, user).put("/profile/location", point));
}

export async function setVisibility(
  server: Server,
  user: ProfileUser,
  visibility: Visibility,
): Promise<void> {
  await expectNewVersion(user, await as(server, user).put("/profile/visibility", { visibility }));
}

export async function setPrivacy(server: Server, user: ProfileUser, privacy: PrivacySettings): Promise<void> {
  await expectNewVersion(user, await as(server, user).put("/profile/privacy", privacy));
}

export async function getOwnProfile(server: Server, user: { accessToken: string }): Promise<OwnProfile> {
  const result = await as(server, user).get<OwnProfile>("/profile/me");
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body;
}

/** The edit request that keeps the profile as it is. */
export function editRequestOf(profile: OwnProfile): ProfileEditRequest {
  return {
    name: profile.name.value,
    text: profile.text.value,
    age: profile.age,
    gender: profile.gender,
    wanted_genders: profile.wanted_genders,
    wanted_age: profile.wanted_age,
    unlimited_likes: profile.unlimited_likes,
    attributes: profile.attributes,
  };
}

/** `PUT /profile` with the current profile and `changes`; checks the answer, the version and the event. */
export async function editProfile(
  server: Server,
  user: ProfileUser,
  changes: Partial<ProfileEditRequest>,
): Promise<OwnProfile> {
  const current = await getOwnProfile(server, user);
  const result = await as(server, user).put<OwnProfile>("/profile", {
    ...editRequestOf(current),
    ...changes,
  });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body.version).toBe(user.version + 1);
  await expectProfileChanged(user);
  return result.body;
}

/** `GET /profile/{id}` (with `?version=` when given) as `viewer`. */
export function viewProfile(server: Server, viewer: { accessToken: string }, id: string, version?: number) {
  const query = version === undefined ? "" : `?version=${version}`;
  return as(server, viewer).get<ProfileResponse>(`/profile/${id}${query}`);
}

/** The browse item of `user` as a viewer sees it while `user` is online and shows its presence. */
export function itemOf(user: ProfileUser, km: number): BrowseItem {
  return {
    account_id: user.accountId,
    version: user.version,
    distance_km: km,
    last_seen: expect.any(Number) as unknown as number,
    online: true,
    verified: false,
  };
}

export async function browseReset(
  server: Server,
  viewer: { accessToken: string },
  body: BrowseResetRequest = {},
): Promise<string> {
  const result = await as(server, viewer).post<{ session_id: string }>("/profile/page/reset", body);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  expect(result.body).toEqual({ session_id: expect.any(String) });
  return result.body.session_id;
}

export async function browseNext(
  server: Server,
  viewer: { accessToken: string },
  sessionId: string,
): Promise<BrowsePage> {
  const result = await as(server, viewer).post<BrowsePage>("/profile/page/next", { session_id: sessionId });
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body;
}

/** A new session's pages up to and including the first with `done` (at most `maxPages`). */
export async function browseAllPages(
  server: Server,
  viewer: { accessToken: string },
  body: BrowseResetRequest = {},
  maxPages = 100,
): Promise<BrowsePage[]> {
  const sessionId = await browseReset(server, viewer, body);
  const pages: BrowsePage[] = [];
  while (pages.length < maxPages) {
    const page = await browseNext(server, viewer, sessionId);
    pages.push(page);
    if (page.done) return pages;
  }
  throw new Error(`browsing did not finish within ${maxPages} pages`);
}

/** The account ids a whole new session lists, in order. */
export async function browseIds(
  server: Server,
  viewer: { accessToken: string },
  body: BrowseResetRequest = {},
): Promise<string[]> {
  const pages = await browseAllPages(server, viewer, body);
  return pages.flatMap((page) => page.profiles.map((p) => p.account_id));
}

/** Closes every user's socket. */
export function closeAll(users: readonly { ws: WsClient }[]): void {
  for (const user of users) user.ws.close();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `viewer` sees `user` offline (the server has handled the closed socket). */
export async function waitUntilOffline(
  server: Server,
  viewer: { accessToken: string },
  user: { accountId: string },
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const result = await viewProfile(server, viewer, user.accountId);
    if ((result.body as { profile?: { online: boolean | null } }).profile?.online === false) return;
    await sleep(10);
  }
  throw new Error(`${user.accountId} still online`);
}

/**
 * An admin moderation queue of the fixture's server read through `path` (`?after=` paging): one page, checking it holds at
 * most `pageSize` items, and every page from the start following `next`.
 */
export function moderationQueue<Page extends { items: unknown[]; next: string | null }>(
  fixture: { readonly server: Server },
  admin: () => { accessToken: string },
  path: string,
  pageSize: number,
) {
  const page = async (after?: string): Promise<Page> => {
    const query = after === undefined ? "" : `?after=${encodeURIComponent(after)}`;
    const result = await as(fixture.server, admin()).get<Page>(`${path}${query}`);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body.items.length).toBeLessThanOrEqual(pageSize);
    return result.body;
  };
  const all = async (): Promise<Page["items"]> => {
    const items: Page["items"] = [];
    let current = await page();
    items.push(...current.items);
    while (current.next !== null) {
      current = await page(current.next);
      items.push(...current.items);
    }
    return items;
  };
  return { page, all };
}

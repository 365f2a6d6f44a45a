/** Viewers of the profile server benchmark: signed up through the real API, then browsing over HTTP. */
import type { BrowsePage, OwnProfile, ProfileEditRequest } from "@venus/model";
import { request, type HttpResult } from "../packages/server/src/testing/http-client.js";
import { setUpMedia } from "../packages/server/src/testing/media-flow.js";
import { connect, login, register, uniqueEmail } from "../packages/server/src/testing/sign-in.js";
import type { WsClient } from "../packages/server/src/testing/ws-client.js";
import { withTimeout } from "./concurrency.js";
import type { MatchFilter } from "./location-index-data.js";
import { processCpuMicros } from "./measure.js";
import { genderOf, wantedGendersOf } from "./profile-server-data.js";

/** Longest any one request may take before the benchmark fails. */
const STEP_TIMEOUT_MS = 30_000;

type Server = { url: string; wsUrl: string };

export interface ViewerSpec {
  lat: number;
  lon: number;
  filter: MatchFilter;
}

export interface Viewer {
  accessToken: string;
  ws: WsClient;
}

async function call<T>(
  server: Server,
  token: string,
  method: string,
  path: string,
  body: unknown,
  expected = 200,
): Promise<T> {
  const reply: HttpResult<T> = await withTimeout(
    request<T>(server.url, method, path, { token, ...(body === undefined ? {} : { body }) }),
    STEP_TIMEOUT_MS,
    `${method} ${path}`,
  );
  if (reply.status !== expected)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * The client flow of a new user: register, log in, open /ws with hello (which may rotate the access
 * token), setup, a security selfie and a profile image (as the integration tests upload them) and
 * complete it, then location, public visibility and the wanted genders and ages.
 */
export async function signUpViewer(server: Server, spec: ViewerSpec): Promise<Viewer> {
  const email = await withTimeout(register(server, uniqueEmail("viewer")), STEP_TIMEOUT_MS, "register");
  const tokens = await withTimeout(login(server, email), STEP_TIMEOUT_MS, "login");
  const signedIn = await withTimeout(connect(server, tokens), STEP_TIMEOUT_MS, "connect and hello");
  const token = signedIn.accessToken;
  const { filter } = spec;
  await call(server, token, "POST", "/account/setup", {
    name: "Viewer",
    birthdate: `${new Date().getUTCFullYear() - filter.age}-01-01`,
    gender: genderOf(filter),
    looking_for: wantedGendersOf(filter),
  });
  await withTimeout(setUpMedia(server, signedIn), STEP_TIMEOUT_MS, "security selfie and profile image");
  await call(server, token, "POST", "/account/complete_setup", undefined);
  await call(server, token, "PUT", "/profile/location", { latitude: spec.lat, longitude: spec.lon });
  await call(server, token, "PUT", "/profile/visibility", { visibility: "public" });
  const own = await call<OwnProfile>(server, token, "GET", "/profile/me", undefined);
  if (own.age !== filter.age) throw new Error(`viewer age ${own.age}, expected ${filter.age}`);
  const edit: ProfileEditRequest = {
    name: own.name.value,
    text: own.text.value,
    age: own.age,
    gender: own.gender,
    wanted_genders: wantedGendersOf(filter),
    wanted_age: { min: filter.minAge, max: filter.maxAge },
    unlimited_likes: own.unlimited_likes,
  };
  await call(server, token, "PUT", "/profile", edit);
  return { accessToken: token, ws: signedIn.ws };
}

export interface HttpBrowsing {
  /** `page/reset` plus the first `page/next`, per session. */
  firstPageMs: number[];
  /** Every `page/next`. */
  nextMs: number[];
  /** Server CPU time over all sessions ÷ pages. */
  serverCpuMicrosPerPage: number;
  /** The account ids of the first session's first pages, to check against the baseline. */
  firstIds: string[][];
}

/** `sessions` × (reset, then `pages` × next), one request at a time, each timed on the client. */
export async function browseOverHttp(
  server: Server & { pid: number },
  viewer: Viewer,
  sessions: number,
  pages: number,
  pageSize: number,
): Promise<HttpBrowsing> {
  const result: HttpBrowsing = { firstPageMs: [], nextMs: [], serverCpuMicrosPerPage: 0, firstIds: [] };
  const token = viewer.accessToken;
  const cpuBefore = processCpuMicros(server.pid);
  for (let s = 0; s < sessions; s++) {
    const started = performance.now();
    const { session_id } = await call<{ session_id: string }>(
      server,
      token,
      "POST",
      "/profile/page/reset",
      {},
    );
    for (let n = 0; n < pages; n++) {
      const before = performance.now();
      const page = await call<BrowsePage>(server, token, "POST", "/profile/page/next", { session_id });
      const after = performance.now();
      result.nextMs.push(after - before);
      if (n === 0) result.firstPageMs.push(after - started);
      if (s === 0) result.firstIds.push(page.profiles.map((p) => p.account_id));
      if (page.profiles.length !== pageSize)
        throw new Error(
          `page ${n} of session ${s} has ${page.profiles.length} profiles (done: ${page.done})`,
        );
    }
  }
  result.serverCpuMicrosPerPage = (processCpuMicros(server.pid) - cpuBefore) / result.nextMs.length;
  return result;
}

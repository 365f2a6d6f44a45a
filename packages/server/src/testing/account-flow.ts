import { expect } from "vitest";
import { request } from "./http-client.js";
import { setUpMedia } from "./media-flow.js";
import type { SignedIn } from "./sign-in.js";

/**
 * Fills in a valid setup for an adult, uploads and sets a security selfie and a profile image, and
 * completes it; returns the completed state.
 */
export async function completeSetup(server: { url: string }, user: SignedIn, birthdate = "1990-05-17") {
  const setup = await request(server.url, "POST", "/account/setup", {
    token: user.accessToken,
    body: {
      name: "Alex",
      birthdate,
      gender: "woman",
      looking_for: ["man", "non_binary"],
    },
  });
  expect(setup.status, JSON.stringify(setup.body)).toBe(200);
  await setUpMedia(server, user);
  const done = await request(server.url, "POST", "/account/complete_setup", {
    token: user.accessToken,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

/** Expects `{"error":{"code","message"}}` with the given status and code. */
export function expectError(result: { status: number; body: unknown }, status: number, code: string): void {
  expect(result.body, JSON.stringify(result.body)).toMatchObject({
    error: { code },
  });
  expect(typeof (result.body as { error: { message: unknown } }).error.message).toBe("string");
  expect(result.status).toBe(status);
}

/** `GET /account/state` with a bearer token: the quickest check of whether a token works. */
export function getState(server: { url: string }, token: string) {
  return request<{ state: string; permissions: string[]; sync_version: number }>(
    server.url,
    "GET",
    "/account/state",
    {
      token,
    },
  );
}

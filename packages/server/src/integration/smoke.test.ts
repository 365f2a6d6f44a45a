import { afterAll, beforeAll, expect, test } from "vitest";
import { request } from "../testing/http-client.js";
import { signUp } from "../testing/sign-in.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

test("smoke", async () => {
  const user = await signUp(server);
  const state = await request(server.url, "GET", "/account/state", { token: user.accessToken });
  expect(state.status).toBe(200);
  expect(state.body).toEqual({ state: "initial_setup", permissions: [], sync_version: 1 });
});

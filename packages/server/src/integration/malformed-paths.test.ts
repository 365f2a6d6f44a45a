import { describe, expect, test } from "vitest";
import { request } from "../testing/http-client.js";
import { isAlive } from "../testing/spawn-server.js";
import { useServer } from "../testing/server-fixture.js";

describe("a path parameter that is not valid percent-encoding", () => {
  const fixture = useServer();

  test.each([
    "/profile/%",
    "/profile/%E0%A4%A",
    "/media/content/%zz/1",
    "/chat/public_key/%C0",
    "/media/content/%E2%82/x",
  ])("%s answers 400 invalid_path and the server keeps running", async (path) => {
    const { server } = fixture;
    const answer = await request(server.url, "GET", path);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: "invalid_path" } });
    expect(isAlive(server.process.pid ?? -1)).toBe(true);
    expect((await request(server.url, "GET", "/health")).status).toBe(200);
  });
});

import { chmodSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { nextEvent } from "../testing/chat-flow.js";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { requestCode } from "../testing/email-flow.js";
import { filesUnder, notPrivate } from "../testing/file-modes.js";
import { uploadImage } from "../testing/media-flow.js";
import { as, createProfileUser } from "../testing/profile-flow.js";
import { startServer, type RunningServer } from "../testing/spawn-server.js";

// The server runs under umask 022, the usual default, which leaves new files readable by everyone.
const PERMISSIVE = 0o022;
const config = { rate_limits: GENEROUS_RATE_LIMITS };

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ config, umask: PERMISSIVE });
});
afterAll(async () => {
  await server?.stop();
  server?.cleanup();
});

const dataOf = (running: RunningServer) => join(running.dataDir, "data");

describe("the data directory is private", () => {
  test("every file the server writes is 0600 and every directory 0700, whatever the umask", async () => {
    const user = await createProfileUser(server);
    await uploadImage(server, user);
    expect((await requestCode(server, user.email)).status).toBe(200);
    expect((await as(server, user).post("/account/export")).status).toBe(202);
    await nextEvent(user, "data_export_ready");

    const files = filesUnder(dataOf(server));
    for (const expected of [
      /^account\.sqlite$/,
      /^account\.sqlite-wal$/,
      /^account\.sqlite-shm$/,
      /^chat\.sqlite-wal$/,
      /^venus\.lock$/,
      /^admin\.token$/,
      /^mail\/.+\.eml$/,
      /^media\/[^/]+\/[^/]+\.jpg$/,
      /^exports\/.+\.zip$/,
    ])
      expect(
        files.some((file) => expected.test(file)),
        `${expected} in ${files.join(", ")}`,
      ).toBe(true);
    expect(notPrivate(dataOf(server))).toEqual([]);
  });

  test("a data directory opened up by hand is made private again at start-up, with a warning naming it", async () => {
    await server.stop();
    const data = dataOf(server);
    for (const [path, mode] of [
      [data, 0o755],
      [join(data, "account.sqlite"), 0o644],
      [join(data, "media"), 0o775],
    ] as const)
      chmodSync(path, mode);
    server = await startServer({ config, umask: PERMISSIVE, dataDir: server.dataDir });
    const warning = server.output.find((line) => line.includes("made private to this user"));
    expect(warning).toBeDefined();
    const { fixed } = JSON.parse(warning as string) as { fixed: unknown[] };
    expect(fixed).toEqual(
      expect.arrayContaining([
        { path: data, was: "755", now: "700" },
        { path: join(data, "account.sqlite"), was: "644", now: "600" },
        { path: join(data, "media"), was: "775", now: "700" },
      ]),
    );
    expect(notPrivate(data)).toEqual([]);
  });
});

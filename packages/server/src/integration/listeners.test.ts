import { execFile } from "node:child_process";
import { once } from "node:events";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, expect, test } from "vitest";
import { startServer, VENUS_BIN, type RunningServer } from "../testing/spawn-server.js";
import { freePort } from "../testing/free-port.js";

const run = promisify(execFile);
const servers: RunningServer[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    await server.stop();
    server.cleanup();
  }
  for (const blocker of blockers.splice(0)) blocker.close();
});

/** A port on 127.0.0.1 held by a plain Node server for the rest of the test. */
async function occupiedPort(): Promise<number> {
  const blocker = createServer().listen(0, "127.0.0.1");
  blockers.push(blocker);
  await once(blocker, "listening");
  return (blocker.address() as { port: number }).port;
}

const refused = (port: number) =>
  fetch(`http://127.0.0.1:${port}/bot/register`, { method: "POST", body: "{}" }).then(
    () => false,
    (error: Error & { cause?: { code?: string } }) => error.cause?.code === "ECONNREFUSED",
  );

test.each([
  ["http.port", (port: number) => ({ http: { port } })],
  ["bots.local_port", (port: number) => ({ bots: { local_port: port } })],
  ["admin.local_port", (port: number) => ({ admin: { local_port: port } })],
])("a busy %s stops the start with exit 2 and one line naming the setting", async (setting, config) => {
  const port = await occupiedPort();
  const start = startServer({ config: config(port) });
  await expect(start).rejects.toThrow("server exited (2) before listening");
  const output = ((await start.catch((error: Error) => error)) as Error).message;
  const lines = output.split("\n").filter((line) => line.startsWith("venus:"));
  expect(lines).toEqual([`venus: cannot listen on 127.0.0.1:${port} (${setting}): address in use`]);
  expect(output).not.toMatch(/\n\s+at /); // no stack trace
});

test("the bot listener stays closed without bots or local bot login, and opens when the flag turns on", async () => {
  const botPort = await freePort();
  const server = await startServer({ config: { bots: { local_port: botPort, local_login: false } } });
  servers.push(server);
  expect(server.output.some((line) => line.includes('"msg":"bot listener"'))).toBe(false);
  expect(await refused(botPort)).toBe(true);

  const configFile = join(server.dataDir, "venus.toml");
  await run(process.execPath, [
    VENUS_BIN,
    "admin",
    "-c",
    configFile,
    "flag",
    "set",
    "local_bot_login_enabled",
    "true",
  ]);
  await expect.poll(() => server.output.some((line) => line.includes('"msg":"bot listener"'))).toBe(true);
  const registered = await fetch(`http://127.0.0.1:${botPort}/bot/register`, { method: "POST", body: "{}" });
  expect(registered.status).toBe(201);
});

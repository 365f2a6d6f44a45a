import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { GENEROUS_RATE_LIMITS } from "../testing/config.js";
import { useServer } from "../testing/server-fixture.js";
import { PASSWORD, register } from "../testing/sign-in.js";
import { VENUS_BIN } from "../testing/spawn-server.js";

const fixture = useServer({ config: { rate_limits: GENEROUS_RATE_LIMITS } });

/** `venus client login EMAIL --server URL`, the password on standard input. */
function clientLogin(email: string, password: string) {
  const child = spawn(
    process.execPath,
    [VENUS_BIN, "client", "login", email, "--server", fixture.server.url],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  child.stdin.end(`${password}\n`);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => lines.push(line));
  return { child, lines, stderr: () => stderr };
}

const state = (token: string) =>
  fetch(`${fixture.server.url}/account/state`, { headers: { authorization: `Bearer ${token}` } });

test("venus client login prints a token and a curl call that work while it runs, and not after Ctrl-C", async () => {
  const email = await register(fixture.server);
  const login = clientLogin(email, PASSWORD);
  await expect
    .poll(() => login.lines.some((line) => line.startsWith("curl ")), { timeout: 15_000 })
    .toBe(true);
  const exported = login.lines.find((line) => line.startsWith("export VENUS_TOKEN=")) as string;
  const curl = login.lines.find((line) => line.startsWith("curl ")) as string;
  expect(curl).toBe(`curl -s -H "Authorization: Bearer $VENUS_TOKEN" ${fixture.server.url}/account/state`);

  // The two printed lines, run as printed.
  const { stdout } = await promisify(execFile)("sh", ["-c", `${exported}\n${curl}`]);
  expect(JSON.parse(stdout)).toMatchObject({ state: "initial_setup" });

  login.child.kill("SIGINT");
  const [code] = (await once(login.child, "exit")) as [number | null];
  expect(code, login.stderr()).toBe(0);
  const token = exported.slice("export VENUS_TOKEN=".length);
  const after = await state(token);
  expect(after.status).toBe(401);
  expect(await after.json()).toMatchObject({ error: { code: "websocket_required" } });
});

test("venus client login with a wrong password exits 1 and says why in one line", async () => {
  const email = await register(fixture.server);
  const login = clientLogin(email, "not the password");
  const [code] = (await once(login.child, "exit")) as [number | null];
  expect(code).toBe(1);
  expect(login.lines).toEqual([]);
  expect(login.stderr()).toMatch(/^venus: login failed: 401 invalid_credentials: .+\n$/);
});

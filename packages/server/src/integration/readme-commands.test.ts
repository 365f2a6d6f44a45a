/**
 * Every command in README.md's ```sh blocks, run as written against the built program, in order, so
 * the README cannot rot. Commands run with `sh -c` in a fresh directory inside the repository (so
 * `npx venus` finds this checkout's `venus`), with the environment overrides of a test server:
 * VENUS_DATA_DIR (a temporary data directory) and free ports in VENUS_HTTP__PORT and
 * VENUS_BOTS__LOCAL_PORT. What is not run exactly as written:
 * - `npm ci && npm start` runs `npm start`: `npm ci` would reinstall this checkout's node_modules
 *   under the running tests (CI's first step, `.ci/run`, is that `npm ci`).
 * - `npm ci && npm test` is not run: it is the suite this test is part of.
 * - `localhost:3000` and `VENUS_HTTP__PORT=4000` name the free port instead, so that the test does
 *   not depend on those ports being free.
 * - The admin examples act on ann@example.com and bob@example.com, so the test registers those two
 *   accounts first.
 * Commands that run a server (`npm start`, `npx venus server`) run until the next one starts (as a
 * reader stops the previous one with Ctrl-C: SIGINT to its process group), and the commands after
 * them run once it answers `/health`. `npx venus client login` runs in the background too, and the
 * two lines it prints are run as printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { sleep } from "../testing/profile-flow.js";
import { freePort } from "../testing/free-port.js";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));

/** The lines of each ```sh block of README.md, in order. */
function shBlocks(markdown: string): string[][] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) =>
    (match[1] as string).split("\n").filter((line) => line.trim() !== ""),
  );
}

interface Run {
  child: ChildProcess;
  output: string[];
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | string>;
}

function start(command: string, cwd: string, env: NodeJS.ProcessEnv, script = false): Run {
  // Its own process group, like a command typed in a terminal: Ctrl-C reaches npm, sh and node alike.
  // `exec`: the command itself is the process whose exit is checked, not a shell around it.
  const child = spawn("sh", ["-c", script ? command : command.replace(/^((?:\w+=\S+\s+)*)/, "$1exec ")], {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const exited = once(child, "exit").then(([code, signal]) => (code as number | null) ?? (signal as string));
  return { child, output, exited };
}

const text = (run: Run) => run.output.join("");

/** Polls until `check` holds, or fails naming `what` with the command's output. */
async function until(what: string, run: Run, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await check())) {
    if (run.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${what}: not so (exit ${run.child.exitCode}):\n${text(run)}`);
    await sleep(200);
  }
}

const answers = (url: string) =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

/**
 * Ctrl-C: SIGINT to the process group. npm and npx end by the signal, as in a terminal; what counts is
 * that the program itself shut down cleanly and said so (`done`).
 */
async function interrupt(run: Run, done: string): Promise<void> {
  if (run.child.exitCode === null) process.kill(-(run.child.pid as number), "SIGINT");
  expect([0, "SIGINT"]).toContain(await run.exited);
  expect(text(run)).toContain(done);
}

const SERVER_DONE = '"msg":"shutdown complete"';

test("every command of README.md runs as written", async () => {
  const blocks = shBlocks(readFileSync(join(REPO, "README.md"), "utf8"));
  expect(blocks.length).toBeGreaterThanOrEqual(5);
  const cwd = mkdtempSync(join(REPO, ".readme-run-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    VENUS_DATA_DIR: join(cwd, "data"),
    VENUS_HTTP__PORT: String(port),
    VENUS_BOTS__LOCAL_PORT: String(await freePort()),
  };
  let server: Run | undefined;
  const ran: string[] = [];
  try {
    for (const block of blocks) {
      if (block.some((line) => line.includes("venus admin")))
        for (const email of ["ann@example.com", "bob@example.com"])
          await fetch(`${base}/account/register`, {
            method: "POST",
            body: JSON.stringify({ email, password: "correct horse" }),
          });
      for (const line of block) {
        if (line === "npm ci && npm test") continue;
        const command = line
          .replace(/^npm ci && /, "")
          .replaceAll("localhost:3000", `localhost:${port}`)
          .replace("VENUS_HTTP__PORT=4000", `VENUS_HTTP__PORT=${port}`);
        ran.push(command);
        if (/\bnpm start\b|\bnpx venus server\b/.test(command)) {
          if (server) await interrupt(server, SERVER_DONE);
          server = start(command, cwd, env);
          await until(`${command} answers /health`, server, () => answers(`${base}/health`));
        } else if (command.startsWith("npx venus client login")) {
          const client = start(command, cwd, env);
          await until(`${command} prints a curl call`, client, () => /^curl .*$/m.test(text(client)));
          const printed = text(client)
            .split("\n")
            .filter((l) => l.startsWith("export VENUS_TOKEN=") || l.startsWith("curl "));
          const call = start(printed.join("\n"), cwd, env, true);
          expect(await call.exited, text(call)).toBe(0);
          expect(JSON.parse(text(call))).toMatchObject({ state: "initial_setup" });
          await interrupt(client, "venus: signed out of the WebSocket");
        } else {
          const run = start(command, cwd, env);
          expect(await run.exited, `${command}\n${text(run)}`).toBe(0);
          expect(text(run), command).not.toMatch(/"error":\{"code"/);
        }
      }
    }
    if (server) await interrupt(server, SERVER_DONE);
    for (const command of ["npm start", "npx venus server --config venus.toml", "npx venus client login"])
      expect(ran.some((line) => line.startsWith(command))).toBe(true);
  } finally {
    const alive = server && server.child.exitCode === null && server.child.signalCode === null;
    if (alive) process.kill(-(server?.child.pid as number), "SIGKILL");
    rmSync(cwd, { recursive: true, force: true });
  }
}, 600_000);

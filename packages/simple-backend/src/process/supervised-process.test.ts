import { writeFileSync, mkdtempSync, rmSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { SupervisedProcess } from "./supervised-process.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A child that appends its pid to `runs` and then exits at once (`crash`) or stays until signalled. */
function script(crash: boolean): { file: string; runs: string } {
  const dir = mkdtempSync(join(tmpdir(), "venus-supervised-"));
  dirs.push(dir);
  const runs = join(dir, "runs");
  const file = join(dir, "child.mjs");
  writeFileSync(
    file,
    `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(runs)}, process.pid + "\\n");
${crash ? "process.exit(3);" : "setInterval(() => {}, 1000); process.on('SIGTERM', () => process.exit(0));"}`,
  );
  return { file, runs };
}

const runsOf = (runs: string) => (existsSync(runs) ? readFileSync(runs, "utf8").trim().split("\n") : []);

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("SupervisedProcess", () => {
  it("restarts a child that exits on its own until it is stopped", async () => {
    const { file, runs } = script(true);
    const child = new SupervisedProcess({
      name: "crasher",
      command: process.execPath,
      args: [file],
      log: createLogger("silent", "test"),
      restartBaseMs: 20,
      restartMaxMs: 100,
    });
    child.start();
    await until(() => runsOf(runs).length >= 4);
    expect(child.status().restarts).toBeGreaterThanOrEqual(3);
    await child.stop();
    const count = runsOf(runs).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runsOf(runs).length).toBe(count);
  });

  it("reports the running child and stops it without a restart", async () => {
    const { file, runs } = script(false);
    const child = new SupervisedProcess({
      name: "sleeper",
      command: process.execPath,
      args: [file],
      log: createLogger("silent", "test"),
    });
    child.start();
    await until(() => runsOf(runs).length === 1);
    const status = child.status();
    expect(status).toMatchObject({ running: true, restarts: 0 });
    expect(String(status.pid)).toBe(runsOf(runs)[0]);
    await child.stop();
    expect(child.status()).toMatchObject({ running: false, pid: undefined, restarts: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runsOf(runs)).toHaveLength(1);
  });
});

describe("SupervisedProcess onLine", () => {
  it("hands over every line of stdout and stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "venus-supervised-"));
    dirs.push(dir);
    const file = join(dir, "talker.mjs");
    writeFileSync(
      file,
      `process.stdout.write("out 1\\nout 2\\n"); process.stderr.write("err 1\\n"); setInterval(() => {}, 1000);`,
    );
    const lines: string[] = [];
    const child = new SupervisedProcess({
      name: "talker",
      command: process.execPath,
      args: [file],
      log: createLogger("silent", "test"),
      onLine: (stream, line) => lines.push(`${stream}: ${line}`),
    });
    child.start();
    await until(() => lines.length === 3);
    await child.stop();
    expect(lines.filter((line) => line.startsWith("stdout"))).toEqual(["stdout: out 1", "stdout: out 2"]);
    expect(lines).toContain("stderr: err 1");
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "./data-dir-lock.js";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const lockModule = fileURLToPath(new URL("./data-dir-lock.ts", import.meta.url));

let dir: string;
let lockFile: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "venus-lock-"));
  lockFile = join(dir, "venus.lock");
});

afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Another process that takes the lock with the real code and holds it until killed. */
async function otherProcessHoldingLock(dataDir: string): Promise<ChildProcess> {
  const script = `
    const { lockDataDir } = await import(${JSON.stringify(lockModule)});
    lockDataDir(${JSON.stringify(dataDir)});
    process.stdout.write("locked\\n");
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return child;
}

function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  return new Promise((resolve) => child.on("exit", () => resolve(child.pid as number)));
}

describe("lockDataDir", () => {
  it("writes this process's pid and creates the directory", () => {
    const nested = join(dir, "a", "b");
    const release = lockDataDir(nested);
    expect(readFileSync(join(nested, "venus.lock"), "utf8")).toBe(`${process.pid}\n`);
    release();
  });

  it("refuses while another live process holds the lock", async () => {
    const holder = await otherProcessHoldingLock(dir);
    let error: unknown;
    try {
      lockDataDir(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as DataDirLockedError).ownerPid).toBe(holder.pid);
    expect((error as DataDirLockedError).message).toContain(`pid ${holder.pid}`);
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(holder.pid));
  });

  it("takes over the lock of a process that was killed", async () => {
    const holder = await otherProcessHoldingLock(dir);
    const exited = new Promise((resolve) => holder.on("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(holder.pid));
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);
    release();
  });

  it("takes over a stale lock holding a dead pid, or garbage", async () => {
    writeFileSync(lockFile, `${await deadPid()}\n`);
    lockDataDir(dir);
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);

    writeFileSync(lockFile, "not a pid");
    lockDataDir(dir);
    expect(readFileSync(lockFile, "utf8")).toBe(`${process.pid}\n`);
  });

  it("release removes the file, and the lock can be taken again", async () => {
    const release = lockDataDir(dir);
    release();
    expect(existsSync(lockFile)).toBe(false);
    release(); // twice is harmless
    const holder = await otherProcessHoldingLock(dir);
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(holder.pid));
  });

  it("release leaves a lock that another process has taken since", () => {
    const release = lockDataDir(dir);
    writeFileSync(lockFile, "12345\n");
    release();
    expect(readFileSync(lockFile, "utf8")).toBe("12345\n");
  });
});

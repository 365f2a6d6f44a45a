/**
 * A throw-away PostgreSQL 15 cluster with PostGIS for the profile-server benchmark's baseline: Debian's
 * `postgresql-15-postgis-3`, installed with apt-get when it is missing and apt-get can run (as root),
 * an `initdb` in a temp directory, and a `postgres` on a free loopback port, run as the `postgres`
 * user when this process is root (PostgreSQL refuses to run as root).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "../packages/server/src/testing/free-port.js";
import { withTimeout } from "./concurrency.js";
import { progress } from "./report.js";

const BIN = "/usr/lib/postgresql/15/bin";
const POSTGIS_CONTROL = "/usr/share/postgresql/15/extension/postgis.control";
const PACKAGE = "postgresql-15-postgis-3";
const START_TIMEOUT_MS = 60_000;

export interface Postgis {
  client: pg.Client;
  /** The server process serving `client` (its backend), for CPU time. */
  backendPid: number;
  stop(): Promise<void>;
}

const installed = () => existsSync(join(BIN, "postgres")) && existsSync(POSTGIS_CONTROL);

function run(command: string, args: string[]): void {
  execFileSync(command, args, {
    stdio: "ignore",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/**
 * Installs PostgreSQL + PostGIS when missing and allowed; returns why it cannot run, or undefined.
 * `install` false (quick mode) only uses what is already there.
 */
export function ensurePostgis(install: boolean): string | undefined {
  if (installed()) return undefined;
  if (!install) return `${PACKAGE} is not installed (quick mode does not install it)`;
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0)
    return `${PACKAGE} is not installed and apt-get cannot run here (needs Debian and root)`;
  progress(`profile-server: installing ${PACKAGE} with apt-get`);
  try {
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", "--no-install-recommends", PACKAGE]);
  } catch (error) {
    return `apt-get install ${PACKAGE} failed: ${(error as Error).message}`;
  }
  return installed() ? undefined : `${PACKAGE} installed, but ${BIN}/postgres or PostGIS is missing`;
}

/** The uid and gid to run PostgreSQL as: ours, or the `postgres` user's when we are root. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function waitForReady(server: ChildProcess): Promise<void> {
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    server.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready to accept connections")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`postgres exited (${code}): ${output}`)));
  });
  await withTimeout(ready, START_TIMEOUT_MS, "postgres start");
}

/** Starts a fresh cluster, connects, and creates the PostGIS extension. */
export async function startPostgis(): Promise<Postgis> {
  const dir = mkdtempSync(join(tmpdir(), "venus-bench-postgis-"));
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  execFileSync(join(BIN, "initdb"), ["-D", data, "-U", "bench", "-A", "trust", "--no-sync"], {
    stdio: "ignore",
    ...user,
  });
  const port = await freePort();
  // Enough shared buffers to hold the table and its index: every page is served from memory.
  const server = spawn(
    join(BIN, "postgres"),
    ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1"].concat([
      "-c",
      "shared_buffers=512MB",
      "-c",
      "fsync=off",
    ]),
    { stdio: ["ignore", "ignore", "pipe"], ...user },
  );
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill("SIGINT");
      await once(server, "exit");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForReady(server);
    const client = new pg.Client({ host: "127.0.0.1", port, user: "bench", database: "postgres" });
    await client.connect();
    await client.query("CREATE EXTENSION postgis");
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return {
      client,
      backendPid: (rows[0] as { pid: number }).pid,
      stop: async () => {
        await client.end();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

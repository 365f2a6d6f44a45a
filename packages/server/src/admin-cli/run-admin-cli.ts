import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { AdminCommandName, VenusConfig } from "@venus/model";
import { DataDirLockedError, lockDataDir } from "@venus/simple-backend";
import { loadServerConfig } from "../load-server-config.js";
import { formatAnswer } from "./admin-output.js";
import { AdminListenerUnreachable, callAdminListener } from "./admin-listener-call.js";
import { readAdminTokenFile } from "./admin-token-file.js";
import { runDirect } from "./admin-direct.js";

export interface AdminCliOptions {
  config?: string;
  json?: boolean;
}

/** How long `venus admin` waits for a server that is starting (its lock taken, no listener yet) or stopping. */
const WAIT_MS = 15_000;

/**
 * The data-directory lock decides: a live server holds it, and then the command goes through the
 * admin listener it named in `<data_dir>/admin.token` (the server stays the only writer); otherwise
 * this process takes the lock and runs the command on the data directory itself.
 */
async function execute(config: VenusConfig, name: AdminCommandName, args: object): Promise<unknown> {
  const dataDir = config.data_dir;
  if (!existsSync(dataDir))
    throw new Error(`no data directory ${dataDir} (has the server run with this config? see --config)`);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let release: () => void;
    try {
      release = lockDataDir(dataDir);
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      const listener = readAdminTokenFile(dataDir);
      if (listener?.pid === error.ownerPid) {
        try {
          return await callAdminListener(listener, name, args);
        } catch (callError) {
          if (!(callError instanceof AdminListenerUnreachable) || Date.now() > deadline) throw callError;
        }
      } else if (Date.now() > deadline) {
        throw new Error(
          `the data directory ${dataDir} is in use by pid ${error.ownerPid}, which does not answer admin commands`,
        );
      }
      await sleep(200);
      continue;
    }
    try {
      return await runDirect(config, name, args);
    } finally {
      release();
    }
  }
}

/** `venus admin <command>`: prints the answer (human-readable, or JSON) and resolves with the exit code. */
export async function runAdminCli(
  options: AdminCliOptions,
  name: AdminCommandName,
  args: object,
): Promise<number> {
  const config = loadServerConfig(options.config);
  try {
    const answer = await execute(config, name, args);
    process.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : formatAnswer(name, answer));
    return 0;
  } catch (error) {
    process.stderr.write(`venus: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

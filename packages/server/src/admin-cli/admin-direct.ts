import { fileURLToPath } from "node:url";
import { runAdminCommand } from "@venus/api";
import type { AdminCommandName, VenusConfig } from "@venus/model";
import { createLogger, Metrics } from "@venus/simple-backend";
import { openComponents } from "../open-components.js";

/** This program: the media component starts its image worker mode (and is stopped at once). */
const MAIN = fileURLToPath(new URL("../main.js", import.meta.url));

/**
 * Runs one command on a stopped server's data directory (the caller holds its lock): opens the
 * components as the server does, runs the very command the admin listener runs, commits, closes.
 */
export async function runDirect(config: VenusConfig, name: AdminCommandName, args: object): Promise<unknown> {
  // Warnings and errors only, on stderr: stdout is the command's answer.
  const log = createLogger(config.log.level === "silent" ? "silent" : "warn", "venus-admin", 2);
  const components = await openComponents(config, log, new Metrics(), {
    command: process.execPath,
    args: [...process.execArgv, MAIN, "image-worker"],
  });
  try {
    return await runAdminCommand(components, name, args);
  } finally {
    await components.stopMedia();
    components.flusher.stop();
    await components.flusher.flushAll();
    await components.close();
  }
}

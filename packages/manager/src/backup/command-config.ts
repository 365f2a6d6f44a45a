import { loadManagerConfig } from "../run-manager.js";
import { BackupError } from "./backup-error.js";
import { parseBackupKey } from "./chunk-cipher.js";

/** What `venus backup verify|restore` need of the peer's config: its data directory and the key. */
export function storeConfig(configFile: string | undefined): { dataDir: string; key: Buffer } {
  const config = loadManagerConfig(configFile);
  if (config.backup.key === "")
    throw new BackupError(400, "no_key", `backup.key is not set in ${configFile ?? "the manager's config"}`);
  return { dataDir: config.data_dir, key: parseBackupKey(config.backup.key) };
}

/** Runs a command, printing a failure as `venus: <message>` on stderr; resolves with the exit code. */
export async function commandExit(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    process.stderr.write(`venus: ${(error as Error).message}\n`);
    return 1;
  }
}

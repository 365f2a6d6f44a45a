import { join } from "node:path";
import { ManagerConfig } from "@venus/model";
import { compileValidator, createLogger } from "@venus/simple-backend";
import { expect } from "vitest";
import { ManagerRouter } from "../api/manager-router.js";
import { BackupPeer } from "../backup/backup-peer.js";
import { BackupSource, type LastBackup } from "../backup/backup-source.js";
import { parseBackupKey } from "../backup/chunk-cipher.js";
import { addPeerRoutes } from "../backup/peer-routes.js";
import { sourceStore } from "../backup/store-layout.js";
import type { ManagerCaller } from "../remotes/manager-caller.js";

const KEY_HEX = "5a".repeat(32);
export const testKey = parseBackupKey(KEY_HEX);
export const silentLog = createLogger("silent", "backup-test");

export function backupConfig(backup: Record<string, unknown> = {}): ManagerConfig["backup"] {
  const checked = compileValidator(ManagerConfig, { useDefaults: true })({
    backup: { peer: "peer", key: KEY_HEX, chunk_bytes: 16 * 1024, parallel_uploads: 2, ...backup },
  });
  if (!checked.ok) throw new Error("bad test config");
  return checked.value.backup;
}

/**
 * A backup source and its peer in one process, talking through the manager router (the transport-free
 * part every manager request goes through), on real SQLite files and real directories under `root`.
 */
export async function backupPair(root: string, serverDataDir: string, backup?: Record<string, unknown>) {
  const config = backupConfig(backup);
  const peerData = join(root, "peer");
  const peer = new BackupPeer({
    dataDir: peerData,
    key: testKey,
    chunkBytes: config.chunk_bytes,
    keepDays: 7,
    sessionTimeoutMs: 60_000,
    log: silentLog,
  });
  await peer.start();
  const router = new ManagerRouter();
  addPeerRoutes(router, peer, config.max_snapshot_files);
  const caller: ManagerCaller = async (request) =>
    router.dispatch({
      method: request.method,
      path: request.path,
      query: new URLSearchParams(),
      body: request.body,
      caller: "test",
    });
  const source = new BackupSource({
    caller,
    key: testKey,
    config,
    serverDataDir,
    managerDataDir: join(root, "manager"),
    log: silentLog,
  });
  /** Runs one backup to its end; it must succeed. */
  const backUp = async (): Promise<LastBackup> => {
    const run = source.start();
    expect(run).toBeDefined();
    expect(source.start()).toBeUndefined(); // one at a time
    const last = await (run as Promise<LastBackup>);
    expect(last.error).toBeUndefined();
    expect(last.ok).toBe(true);
    return last;
  };
  return { config, peer, caller, source, backUp, store: sourceStore(peerData, "venus"), peerData };
}

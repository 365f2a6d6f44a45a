import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where `venus admin` finds the running server's admin listener, and the token it must present. */
export interface AdminListenerInfo {
  pid: number;
  port: number;
  token: string;
}

export const adminTokenFile = (dataDir: string) => join(dataDir, "admin.token");

/** A new random token for the admin listener, made at each start. */
export const newAdminToken = () => randomBytes(32).toString("base64url");

/**
 * Writes `<data_dir>/admin.token` atomically, mode 0600: whoever can read it can administer, and only
 * the data directory's owner can.
 */
export function writeAdminTokenFile(dataDir: string, port: number, token: string): void {
  const file = adminTokenFile(dataDir);
  rmSync(`${file}.tmp`, { force: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ pid: process.pid, port, token })}\n`, { mode: 0o600 });
  chmodSync(`${file}.tmp`, 0o600);
  renameSync(`${file}.tmp`, file);
}

/** The listener the file names; undefined when there is no (readable, whole) file. */
export function readAdminTokenFile(dataDir: string): AdminListenerInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(adminTokenFile(dataDir), "utf8")) as Partial<AdminListenerInfo>;
    if (typeof info.pid === "number" && typeof info.port === "number" && typeof info.token === "string")
      return { pid: info.pid, port: info.port, token: info.token };
  } catch {
    // Missing or unreadable: no listener to call.
  }
  return undefined;
}

/** Removes the file at shutdown, if it is this process's. */
export function removeAdminTokenFile(dataDir: string): void {
  if (readAdminTokenFile(dataDir)?.pid === process.pid) rmSync(adminTokenFile(dataDir), { force: true });
}

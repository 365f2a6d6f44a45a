import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface ModeFix {
  path: string;
  /** Octal, e.g. "755". */
  was: string;
  now: string;
}

const octal = (mode: number) => (mode & 0o777).toString(8);

function tighten(path: string, wanted: number, fixes: ModeFix[]): void {
  const { mode } = lstatSync(path);
  if ((mode & 0o077) === 0) return;
  chmodSync(path, wanted);
  fixes.push({ path, was: octal(mode), now: octal(wanted) });
}

/**
 * Makes a data directory private to its owner: the directory and every directory directly in it 0700,
 * every file directly in it 0600 (the databases, their -wal and -shm, the lock, admin.token). Deeper
 * entries (images, mails, backups) are out of other users' reach once the directories above them are
 * 0700, so they are not walked: that would stat every account's image folder at each start.
 * Returns what it had to change.
 */
export function makeDataDirPrivate(dir: string): ModeFix[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fixes: ModeFix[] = [];
  tighten(dir, 0o700, fixes);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path, 0o700, fixes);
    else if (entry.isFile()) tighten(path, 0o600, fixes);
  }
  return fixes;
}

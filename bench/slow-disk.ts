import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { progress } from "./report.js";

export const SLOW_FSYNC_MS = 5;

/** Delays every fsync/fdatasync of the process it is preloaded into, like a disk that honours flushes. */
const SHIM = `#define _GNU_SOURCE
#include <dlfcn.h>
#include <time.h>
static void wait_for_disk(void) {
  struct timespec delay = { 0, ${SLOW_FSYNC_MS} * 1000000L };
  while (nanosleep(&delay, &delay) != 0) {}
}
int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  wait_for_disk();
  return real(fd);
}
int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  wait_for_disk();
  return real(fd);
}
`;

/**
 * Compiles the slow-disk shim with the machine's C compiler and returns the shared object's path
 * for LD_PRELOAD, or undefined (with a message) where there is no compiler.
 */
export function buildSlowFsyncShim(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "venus-bench-slow-disk-"));
  writeFileSync(join(dir, "slow-fsync.c"), SHIM);
  const output = join(dir, "slow-fsync.so");
  const cc = spawnSync("cc", ["-shared", "-fPIC", "-O2", "-o", output, join(dir, "slow-fsync.c"), "-ldl"], {
    encoding: "utf8",
  });
  if (cc.error || cc.status !== 0) {
    progress(`writer: slow-disk runs skipped, no C compiler (${cc.error?.message ?? cc.stderr.trim()})`);
    return undefined;
  }
  return output;
}

/**
 * For a child process: exits at once when its parent dies (the parent pid changes when the child is
 * adopted by init or a subreaper), even in the middle of work. A supervised child's work belongs to
 * the parent that asked for it; finishing it for nobody could only leave stray files behind.
 */
export function exitWhenOrphaned(checkEveryMs = 250): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, checkEveryMs).unref();
}

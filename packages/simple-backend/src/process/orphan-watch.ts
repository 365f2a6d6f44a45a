/**
 * For a child process: exits at once when its parent dies (the parent pid changes when the child is
 * adopted by init or a subreaper), even in the middle of work. A supervised child's work belongs to
 * the parent that asked for it; finishing it for nobody could only leave stray files behind.
 * `onOrphaned` replaces the exit, once (e.g. a graceful shutdown).
 */
export function exitWhenOrphaned(checkEveryMs = 250, onOrphaned: () => void = () => process.exit(0)): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, checkEveryMs);
  timer.unref();
}

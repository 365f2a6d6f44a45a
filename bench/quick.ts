/**
 * `npm run bench -- --quick`: every benchmark at a small size, with all the checks of the full run,
 * so CI proves each one still runs. The flag travels to bench child processes in the environment.
 */
const QUICK_ENV = "BENCH_QUICK";

export const QUICK = process.argv.includes("--quick") || process.env[QUICK_ENV] === "1";
if (QUICK) process.env[QUICK_ENV] = "1";

/** The full run's size, or the quick run's. */
export const sized = (full: number, quick: number): number => (QUICK ? quick : full);

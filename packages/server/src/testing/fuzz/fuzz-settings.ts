import { GENEROUS_RATE_LIMITS } from "../config.js";

/**
 * Runs per property: small and fixed in `npm test`; `FUZZ_RUNS=500` (and another `FUZZ_SEED`) for a
 * long run. A failure prints the seed and the shrunk request to replay. (Not `VENUS_…`: the server
 * reads every such variable as a config key, and the servers these tests start inherit the environment.)
 */
export const FUZZ = {
  runs: Number(process.env.FUZZ_RUNS ?? 20),
  seed: Number(process.env.FUZZ_SEED ?? 20_261_207),
};

export const FUZZ_ADMIN_EMAIL = "fuzz-admin@example.com";

/** Limits out of the way, so every request reaches validation instead of a 429. */
export const FUZZ_SERVER_CONFIG = {
  rate_limits: GENEROUS_RATE_LIMITS,
  admin: { grant_email: FUZZ_ADMIN_EMAIL },
  websocket: { messages_per_second: 100_000, message_burst: 100_000 },
  http: { max_json_depth: 16 },
};

/** Time for `runs` requests per operation on a slow, shared machine. */
export const fuzzTimeout = (requests: number) => 60_000 + requests * FUZZ.runs * 200;

import { VenusError, type VenusConfig } from "@venus/model";
import { RateLimiter } from "@venus/simple-backend";

function limiter(rule: { limit: number; window_seconds: number }, now: () => number): RateLimiter {
  return new RateLimiter(rule.limit, rule.window_seconds * 1000, now);
}

/** Per-address and per-email limits on login and registration. */
export class SignInLimits {
  readonly loginPerIp: RateLimiter;
  readonly loginPerEmail: RateLimiter;
  readonly registerPerIp: RateLimiter;
  readonly registerPerEmail: RateLimiter;

  constructor(config: VenusConfig["rate_limits"], now: () => number) {
    this.loginPerIp = limiter(config.login_per_ip, now);
    this.loginPerEmail = limiter(config.login_per_email, now);
    this.registerPerIp = limiter(config.register_per_ip, now);
    this.registerPerEmail = limiter(config.register_per_email, now);
  }
}

/** Counts one attempt against each limiter; throws `rate_limited` with the wait when one is exhausted. */
export function takeAttempt(...checks: [RateLimiter, string][]): void {
  for (const [rateLimiter, key] of checks) {
    const waitMs = rateLimiter.take(key);
    if (waitMs > 0) throw new VenusError("rate_limited", undefined, Math.ceil(waitMs / 1000));
  }
}

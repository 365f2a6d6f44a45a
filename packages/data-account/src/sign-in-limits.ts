import { type VenusConfig, retryLater } from "@venus/model";
import { FailureBackoff, RateLimiter } from "@venus/simple-backend";

function limiter(rule: { limit: number; window_seconds: number }, now: () => number): RateLimiter {
  return new RateLimiter(rule.limit, rule.window_seconds * 1000, now);
}

/** Per-address, per-email and per-account limits on the sign-in routes. */
export class SignInLimits {
  readonly loginPerIp: RateLimiter;
  readonly loginPerEmail: RateLimiter;
  readonly registerPerIp: RateLimiter;
  readonly registerPerEmail: RateLimiter;
  readonly emailCodePerIp: RateLimiter;
  readonly emailCodePerEmail: RateLimiter;
  readonly emailCodeVerifyPerIp: RateLimiter;
  readonly oidcPerIp: RateLimiter;
  readonly emailVerificationPerAccount: RateLimiter;
  /** Failed password logins per account (normalized email) and per address. */
  readonly loginFailures: { account: FailureBackoff; address: FailureBackoff };

  constructor(config: VenusConfig["rate_limits"], now: () => number) {
    this.loginPerIp = limiter(config.login_per_ip, now);
    this.loginPerEmail = limiter(config.login_per_email, now);
    this.registerPerIp = limiter(config.register_per_ip, now);
    this.registerPerEmail = limiter(config.register_per_email, now);
    this.emailCodePerIp = limiter(config.email_code_per_ip, now);
    this.emailCodePerEmail = limiter(config.email_code_per_email, now);
    this.emailCodeVerifyPerIp = limiter(config.email_code_verify_per_ip, now);
    this.oidcPerIp = limiter(config.oidc_per_ip, now);
    this.emailVerificationPerAccount = limiter(config.email_verification_per_account, now);
    const backoff = config.login_backoff;
    const rule = {
      freeFailures: backoff.free_failures,
      firstDelayMs: backoff.first_delay_seconds * 1000,
      maxDelayMs: backoff.max_delay_seconds * 1000,
      forgetAfterMs: backoff.forget_after_seconds * 1000,
    };
    this.loginFailures = {
      account: new FailureBackoff(rule, now),
      address: new FailureBackoff({ ...rule, freeFailures: backoff.free_failures_per_address }, now),
    };
  }
}

/** Counts one attempt against each limiter; throws `rate_limited` with the wait when one is exhausted. */
export function takeAttempt(...checks: [RateLimiter, string][]): void {
  for (const [rateLimiter, key] of checks) {
    const waitMs = rateLimiter.take(key);
    if (waitMs > 0) throw retryLater("rate_limited", Math.ceil(waitMs / 1000));
  }
}

/** Throws `rate_limited` with the longest wait of the back-offs, when one of them holds its key back. */
export function awaitBackoff(...checks: [FailureBackoff, string][]): void {
  const waitMs = Math.max(0, ...checks.map(([backoff, key]) => backoff.waitMs(key)));
  if (waitMs > 0) throw retryLater("rate_limited", Math.ceil(waitMs / 1000));
}

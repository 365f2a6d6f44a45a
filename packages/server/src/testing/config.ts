const generous = { limit: 100_000, window_seconds: 60 };

/** Sign-in rate limits high enough that a test suite's many sign-ups from 127.0.0.1 never hit them. */
export const GENEROUS_RATE_LIMITS = {
  login_per_ip: generous,
  login_per_email: generous,
  register_per_ip: generous,
  register_per_email: generous,
  email_code_per_ip: generous,
  email_code_per_email: generous,
  email_code_verify_per_ip: generous,
  email_verification_per_account: generous,
  login_backoff: { free_failures: 100_000, free_failures_per_address: 100_000 },
};

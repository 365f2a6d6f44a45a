import { Algorithm, type Options } from "@node-rs/argon2";
import { type VenusConfig, invalidField } from "@venus/model";

/** argon2id with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane. */
export const PASSWORD_HASH_OPTIONS: Options = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkPassword(password: string, limits: VenusConfig["account"]): void {
  if ([...password].length < limits.password_min_length) {
    throw invalidField("password", `must have at least ${limits.password_min_length} characters`);
  }
  if (Buffer.byteLength(password, "utf8") > limits.password_max_bytes) {
    throw invalidField("password", `must be at most ${limits.password_max_bytes} bytes`);
  }
}

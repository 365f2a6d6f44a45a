import type { Logger } from "@venus/simple-backend";
import { keyMatches } from "./api-key.js";
import { FailedKeyDelays } from "./failed-key-delays.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The API key check every transport uses: a right key passes at once (and resets its address), a
 * wrong or missing one resolves false only after its address's growing delay.
 */
export class ApiKeyGate {
  private readonly delays: FailedKeyDelays;

  constructor(
    private readonly apiKey: string,
    options: { baseDelayMs: number; maxDelayMs: number },
    private readonly log: Logger,
  ) {
    this.delays = new FailedKeyDelays({ baseMs: options.baseDelayMs, maxMs: options.maxDelayMs });
  }

  /** Whether `given` is the key, answered at once when it is. */
  async admit(given: string | undefined, address: string, what: string): Promise<boolean> {
    if (keyMatches(given, this.apiKey)) {
      this.delays.succeed(address);
      return true;
    }
    const delayMs = this.delays.fail(address);
    this.log.warn({ address, what, delayMs }, "manager API: wrong API key");
    await sleep(delayMs);
    return false;
  }
}

export const INVALID_API_KEY = {
  code: "invalid_api_key",
  message: "missing or wrong API key (Authorization: Bearer <key>)",
} as const;

import type { Logger } from "@venus/simple-backend";
import { addressGroup } from "./address-group.js";
import { keyMatches } from "./api-key.js";
import { FailedKeyDelays } from "./failed-key-delays.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The API key check every transport uses: a right key passes at once (and resets its address group),
 * a wrong or missing one resolves false only after its group's growing delay (IPv6 by /64).
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
    const group = addressGroup(address);
    if (keyMatches(given, this.apiKey)) {
      this.delays.succeed(group);
      return true;
    }
    const delayMs = this.delays.fail(group);
    this.log.warn({ address, what, delayMs }, "manager API: wrong API key");
    await sleep(delayMs);
    return false;
  }
}

export const INVALID_API_KEY = {
  code: "invalid_api_key",
  message: "missing or wrong API key (Authorization: Bearer <key>)",
} as const;

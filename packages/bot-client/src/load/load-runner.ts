import { randomBytes } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { BotsFile } from "@venus/model";
import { HttpApi } from "../http-api.js";
import { SystemMethods } from "../system-methods.js";
import { LoadBot, type LoadBotContext } from "./load-bot.js";
import { LoadObserver, errorCode, failureCode } from "./load-observer.js";
import { buildLoadReport, type LoadReport } from "./load-report.js";

export interface LoadOptions {
  /** The server's public base URL. */
  url: string;
  users: number;
  /** The measured phase's length. */
  durationSeconds: number;
  /** Profile templates, centre and message text (the bots file; `venus bot load` uses the defaults). */
  settings: BotsFile;
  /** Each bot's time between rounds, on average. Default 1. */
  intervalSeconds?: number;
  /** Default: 8 random hex digits. */
  runId?: string;
  onProgress?: (progress: LoadProgress) => void;
  /** Ends the run early (the setup fails, the measured phase stops); the report covers what ran. */
  signal?: AbortSignal;
  /**
   * The server's loopback bot listener: the bots are bot accounts made and signed in there (no
   * per-address registration limit) instead of registering by email on the public port.
   */
  botListener?: string;
}

export type LoadProgress =
  | { phase: "setup"; ready: number; failed: number; total: number }
  | {
      phase: "measured";
      elapsedSeconds: number;
      durationSeconds: number;
      requests: number;
      messages: number;
      errors: number;
    }
  | { phase: "teardown" };

/** The server did not answer `GET /health` with success: nothing was run. */
export class ServerUnreachableError extends Error {
  override readonly name = "ServerUnreachableError";
}

/**
 * Who plays with whom, by position among the ready bots: 2k and 2k+1 like each other, and with an odd
 * count the last one and the first, so that every bot gets a match (a lone bot gets none).
 */
export function pairPartners(count: number): number[][] {
  const partners: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i + 1 < count; i += 2) {
    partners[i]?.push(i + 1);
    partners[i + 1]?.push(i);
  }
  if (count % 2 === 1 && count > 1) {
    partners[count - 1]?.push(0);
    partners[0]?.push(count - 1);
  }
  return partners;
}

async function checkReachable(url: string): Promise<void> {
  try {
    await new SystemMethods(new HttpApi(url, { timeoutMs: 10_000 })).health();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : "";
    const detail = message === "" ? errorCode(error) : `${errorCode(error)}: ${message}`;
    throw new ServerUnreachableError(`cannot reach a Venus server at ${url} (${detail})`);
  }
}

/** Bots setting up at the same time (each generates and uploads two images). */
const SETUP_CONCURRENCY = 10;
/** How often the measured phase reports progress. */
const PROGRESS_EVERY_MS = 250;
/** The longest the bots may take to go private and disconnect after the run. */
const TEARDOWN_MS = 10_000;

/** Runs `each` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, each: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * `venus bot load`: checks the server answers, sets `users` load bots up (not measured, but timed
 * and counted), then lets every ready bot play for `durationSeconds` while each request, connect and
 * message is timed, and finally makes the bots private and disconnects them. Throws
 * ServerUnreachableError when the server does not answer; otherwise resolves with the report,
 * whatever failed (a run whose every bot failed has `setup.ready` 0).
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const url = options.url.replace(/\/+$/, "");
  await checkReachable(url);
  const observer = new LoadObserver();
  const runId = options.runId ?? randomBytes(4).toString("hex");
  const context: LoadBotContext = {
    url,
    settings: options.settings,
    runId,
    password: randomBytes(18).toString("base64url"),
    observer,
    random: Math.random,
    ...(options.botListener === undefined ? {} : { botListener: options.botListener }),
  };
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // every bot waits on it, several times over
  const abort = () => stop.abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    const bots = Array.from({ length: options.users }, (_, index) => new LoadBot(index, context));
    const ready: LoadBot[] = [];
    const failures = new Map<string, number>();
    let failed = 0;
    const setupStarted = performance.now();
    const setupProgress = () =>
      options.onProgress?.({ phase: "setup", ready: ready.length, failed, total: bots.length });
    setupProgress();
    await inParallel(bots, SETUP_CONCURRENCY, async (bot) => {
      try {
        await bot.setUp(stop.signal);
        ready.push(bot);
      } catch (error) {
        const code = failureCode(error);
        failed++;
        failures.set(code, (failures.get(code) ?? 0) + 1);
        observer.failure(error);
      }
      setupProgress();
    });
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    ready.sort((a, b) => a.index - b.index);

    observer.phase = "measured";
    const measuredStarted = performance.now();
    const intervalSeconds = options.intervalSeconds ?? 1;
    if (ready.length > 0 && !stop.signal.aborted) {
      const report = () =>
        options.onProgress?.({
          phase: "measured",
          elapsedSeconds: Math.min(options.durationSeconds, (performance.now() - measuredStarted) / 1000),
          durationSeconds: options.durationSeconds,
          requests: observer.measured.requests,
          messages: observer.clock.received,
          errors: observer.measured.errorCount,
        });
      const timer = setTimeout(abort, options.durationSeconds * 1000);
      const ticker = setInterval(report, PROGRESS_EVERY_MS);
      const partners = pairPartners(ready.length);
      const plays = ready.map((bot, i) =>
        bot.play(
          (partners[i] ?? []).map((j) => (ready[j] as LoadBot).accountId),
          intervalSeconds * 1000,
          stop.signal,
        ),
      );
      for (const play of await Promise.allSettled(plays))
        if (play.status === "rejected") observer.failure(play.reason);
      clearTimeout(timer);
      clearInterval(ticker);
      report();
    }
    const measuredSeconds = (performance.now() - measuredStarted) / 1000;
    observer.phase = "done";
    observer.clock.reset();

    options.onProgress?.({ phase: "teardown" });
    await Promise.race([Promise.allSettled(ready.map((bot) => bot.tearDown())), sleep(TEARDOWN_MS)]);
    return buildLoadReport({
      server: url,
      runId,
      users: options.users,
      intervalSeconds,
      setup: { ready: ready.length, failures, seconds: setupSeconds, recorder: observer.setup },
      measured: { seconds: measuredSeconds, recorder: observer.measured, clock: observer.clock },
    });
  } finally {
    options.signal?.removeEventListener("abort", abort);
  }
}

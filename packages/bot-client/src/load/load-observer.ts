import { VenusApiError } from "../venus-api-error.js";
import { VenusSocketError } from "../venus-socket.js";
import { RequestRecorder } from "./latency-recorder.js";
import { MessageClock } from "./message-clock.js";

/** Where a load run is: setting the bots up, measuring, or done (nothing more is recorded). */
export type LoadPhase = "setup" | "measured" | "done";

/**
 * The code a failure is counted under: `<status> <code>` for an answer (`429 rate_limited`), else
 * the transport's: a socket error's code (`timeout`, `connection_closed`), a system error's
 * (`ECONNREFUSED`, the cause of fetch's "fetch failed"), `timeout` for an aborted fetch, else the
 * error's name.
 */
export function errorCode(error: unknown): string {
  if (error instanceof VenusApiError) return `${error.status} ${error.code}`;
  if (error instanceof VenusSocketError) return error.code;
  if (!(error instanceof Error)) return "unknown_error";
  if (error.name === "TimeoutError" || error.name === "AbortError") return "timeout";
  const cause = (error as { cause?: unknown }).cause;
  const systemCode = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return typeof systemCode === "string" ? systemCode : error.name;
}

/** A load bot's sign-in refused: which route, so that a report can name the limit that stopped it. */
export class SignInRefused extends Error {
  override readonly name = "SignInRefused";

  constructor(
    readonly route: string,
    override readonly cause: VenusApiError,
  ) {
    super(`${route}: ${cause.message}`);
  }
}

/** Why a bot's setup stopped: the failure's code, with the route for a refused sign-in (`… on POST /account/register`). */
export function failureCode(error: unknown): string {
  return error instanceof SignInRefused ? `${errorCode(error.cause)} on ${error.route}` : errorCode(error);
}

/**
 * What the load bots report to: the requests of the setup and of the measured phase (each request
 * counted in the phase it started in) and the message clock.
 */
export class LoadObserver {
  readonly setup = new RequestRecorder();
  readonly measured = new RequestRecorder();
  readonly clock = new MessageClock();
  phase: LoadPhase = "setup";
  /** Errors already counted by the request that failed with them (so they are not counted twice). */
  private readonly counted = new WeakSet<object>();

  /** The recorder of the phase under way; undefined once the run is done. */
  get recorder(): RequestRecorder | undefined {
    if (this.phase === "done") return undefined;
    return this.phase === "setup" ? this.setup : this.measured;
  }

  /**
   * Times one request under `route`: `failed` names the error code of an answer that is a refusal;
   * a request that gets no answer is counted with the code of what it threw, without a latency.
   */
  async timed<T>(
    route: string,
    call: () => Promise<T>,
    failed: (answer: T) => string | undefined,
  ): Promise<T> {
    const recorder = this.recorder;
    const started = performance.now();
    try {
      const answer = await call();
      recorder?.record(route, performance.now() - started, failed(answer));
      return answer;
    } catch (error) {
      recorder?.record(route, undefined, errorCode(error));
      if (typeof error === "object" && error !== null) this.counted.add(error);
      throw error;
    }
  }

  /**
   * A failure a bot caught: counted unless a request counted it already (a refusal always was, as
   * its answer; a transport error when it came straight from the request).
   */
  failure(error: unknown): void {
    if (error instanceof VenusApiError || error instanceof SignInRefused) return;
    if (typeof error === "object" && error !== null && this.counted.has(error)) return;
    this.recorder?.recordError(errorCode(error));
  }
}

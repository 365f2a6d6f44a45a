/**
 * Why a `SupervisedWorker` request failed. Each has a stable `code` for callers that map it to a
 * reply (the server answers `503 busy` with `Retry-After` for `WorkerBusyError`).
 */
export abstract class WorkerError extends Error {
  abstract readonly code: string;
}

/** The queue is full; `request` refused the job at once. Try again after `retryAfterSeconds`. */
export class WorkerBusyError extends WorkerError {
  readonly code = "worker_busy";
  constructor(
    worker: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${worker} is busy: the queue is full, retry after ${retryAfterSeconds} s`);
    this.name = "WorkerBusyError";
  }
}

/** The job ran longer than the per-job timeout; the child was killed and is being restarted. */
export class WorkerTimeoutError extends WorkerError {
  readonly code = "worker_timeout";
  constructor(worker: string, jobId: string, timeoutMs: number) {
    super(`${worker} job ${jobId} timed out after ${timeoutMs} ms; the worker was killed`);
    this.name = "WorkerTimeoutError";
  }
}

/** The child died (or broke the protocol) while the job was in flight; it is being restarted. */
export class WorkerCrashedError extends WorkerError {
  readonly code = "worker_crashed";
  constructor(worker: string, jobId: string, cause: string) {
    super(`${worker} died while running job ${jobId}: ${cause}`);
    this.name = "WorkerCrashedError";
  }
}

/** `stop()` was called: the job was refused, still queued, or unfinished after the grace period. */
export class WorkerStoppedError extends WorkerError {
  readonly code = "worker_stopped";
  constructor(worker: string, jobId: string) {
    super(`${worker} is stopping; job ${jobId} was not run to completion`);
    this.name = "WorkerStoppedError";
  }
}

import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import type { Logger } from "../logger.js";
import type { Validation } from "../validation/schema-validator.js";
import { forwardChildLog } from "./child-log-lines.js";
import { DEFAULT_MAX_FRAME_BYTES, encodeFrame, FrameDecoder } from "./frame-codec.js";
import { restartDelay } from "./restart-backoff.js";
import {
  WorkerBusyError,
  WorkerCrashedError,
  WorkerStoppedError,
  WorkerTimeoutError,
} from "./worker-errors.js";

/**
 * Keeps one child process alive and runs jobs on it, one at a time, over length-prefixed msgpackr
 * frames (frame-codec.ts) on its stdin/stdout; its stderr goes to the logger. `initMessage` is the
 * first frame on every (re)start. Every job and reply carries `job_id`; replies are matched by it.
 * A crash restarts the child with exponential back-off, a job over `jobTimeoutMs` gets the child
 * killed and restarted, and at most `maxQueued` jobs wait: beyond that `request` fails at once
 * with `WorkerBusyError`. docs/image-worker.md ("Server side").
 */

export interface WorkerJob {
  job_id: string;
}

export interface SupervisedWorkerOptions<Reply> {
  /** For logs and errors, e.g. "image-worker". */
  name: string;
  command: string;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  initMessage: unknown;
  log: Logger;
  /**
   * When given, a new child is ready only once it sends a frame this accepts (after the init message);
   * jobs wait until then, so start-up time never counts against a job's timeout. A child that is not
   * ready within `startTimeoutMs` is killed and restarted with back-off.
   */
  isReady?: (value: unknown) => boolean;
  /** How long a new child may take to send its ready frame (with `isReady`). Default 30 s. */
  startTimeoutMs?: number;
  /** Validates each reply; an invalid one counts as a protocol error. Default: any `{ job_id }`. */
  checkReply?: (value: unknown) => Validation<Reply>;
  jobTimeoutMs?: number;
  /** Jobs waiting behind the one in flight. */
  maxQueued?: number;
  restartBaseMs?: number;
  restartMaxMs?: number;
  /** After `stop()` closes stdin, how long the child may take to exit before SIGKILL. */
  stopGraceMs?: number;
  maxFrameBytes?: number;
}

export interface RequestOptions {
  /** The job's place in the queue (1 = next) each time it changes; 0 when it is sent to the child. */
  onPosition?: (position: number) => void;
}

interface Pending<Reply> {
  job: WorkerJob;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  onPosition: ((position: number) => void) | undefined;
  sentAt?: number;
  timer?: NodeJS.Timeout;
}

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

export class SupervisedWorker<Job extends WorkerJob, Reply extends WorkerJob> {
  readonly jobTimeoutMs: number;
  readonly maxQueued: number;
  private readonly queue: Pending<Reply>[] = [];
  private inFlight: Pending<Reply> | undefined;
  private child: Child | undefined;
  private spawnedAt = 0;
  private crashes = 0;
  private killedForTimeout = false;
  /** Set when the child is being killed: it gets no more jobs and the rest of its output is ignored. */
  private condemned = false;
  /** Whether the running child has said it is ready (always, without `isReady`). */
  private ready = false;
  private readyTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopping: Promise<void> | undefined;
  private childGone: (() => void) | undefined;
  private averageJobMs = 1000;

  constructor(private readonly options: SupervisedWorkerOptions<Reply>) {
    this.jobTimeoutMs = options.jobTimeoutMs ?? 10_000;
    this.maxQueued = options.maxQueued ?? 32;
  }

  /** The running child's pid, if one is running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Jobs waiting, not counting the one in flight. */
  get queued(): number {
    return this.queue.length;
  }

  /** 0 while the job runs in the child, 1… while it waits, undefined when unknown or finished. */
  position(jobId: string): number | undefined {
    if (this.inFlight?.job.job_id === jobId) return 0;
    const index = this.queue.findIndex((pending) => pending.job.job_id === jobId);
    return index < 0 ? undefined : index + 1;
  }

  /** Whether `request` would take a job now instead of refusing it with `WorkerBusyError`. */
  hasRoom(): boolean {
    return this.stopping === undefined && (this.sendsNow() || this.queue.length < this.maxQueued);
  }

  /** Whole seconds until the jobs waiting now have likely run, from the recent average job time. */
  retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(((this.queue.length + 1) * this.averageJobMs) / 1000));
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.spawnChild();
  }

  request(job: Job, options: RequestOptions = {}): Promise<Reply> {
    const { name } = this.options;
    if (this.stopping) return Promise.reject(new WorkerStoppedError(name, job.job_id));
    if (this.position(job.job_id) !== undefined)
      return Promise.reject(new Error(`${name} already has job ${job.job_id}`));
    const sendsNow = this.sendsNow();
    if (!sendsNow && this.queue.length >= this.maxQueued)
      return Promise.reject(new WorkerBusyError(name, this.retryAfterSeconds()));
    return new Promise<Reply>((resolve, reject) => {
      this.queue.push({ job, resolve, reject, onPosition: options.onPosition });
      if (!sendsNow) notify(options.onPosition, this.queue.length);
      this.pump();
    });
  }

  /**
   * Stops accepting jobs, fails the waiting ones with `WorkerStoppedError`, and closes the child's
   * stdin: the job in flight may finish within `stopGraceMs`, after which the child is killed and
   * that job fails with `WorkerStoppedError` too. Resolves when the child is gone.
   */
  stop(): Promise<void> {
    this.stopping ??= this.runStop();
    return this.stopping;
  }

  private async runStop(): Promise<void> {
    clearTimeout(this.restartTimer);
    for (const pending of this.queue.splice(0))
      pending.reject(new WorkerStoppedError(this.options.name, pending.job.job_id));
    const child = this.child;
    if (!child) return;
    const gone = new Promise<void>((resolve) => (this.childGone = resolve));
    child.stdin.end();
    const kill = setTimeout(() => child.kill("SIGKILL"), this.options.stopGraceMs ?? 5000);
    await gone;
    clearTimeout(kill);
  }

  private spawnChild(): void {
    const { command, args = [], env, log, name } = this.options;
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env: env ?? process.env });
    this.child = child;
    this.spawnedAt = Date.now();
    this.condemned = false;
    this.ready = this.options.isReady === undefined;
    if (!this.ready)
      this.readyTimer = setTimeout(() => this.onNotReady(child), this.options.startTimeoutMs ?? 30_000);
    const decoder = new FrameDecoder(this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    child.stdout.on("data", (chunk: Buffer) => {
      if (child !== this.child || this.condemned) return;
      let values: unknown[];
      try {
        values = decoder.push(chunk);
      } catch (error) {
        return this.protocolError(String(error));
      }
      for (const value of values) {
        if (child !== this.child || this.condemned) break;
        if (this.ready) this.onReply(value);
        else this.onReadyFrame(value);
      }
    });
    forwardChildLog(child.stderr, log, name, child.pid);
    child.stdin.on("error", (error) => log.debug({ worker: name, err: error }, "worker stdin error"));
    child.on("error", (error) => {
      log.error({ worker: name, err: error }, "worker process error");
      if (child.pid === undefined) this.onChildGone(child, `could not start: ${error.message}`);
    });
    child.on("close", (code, signal) =>
      this.onChildGone(child, signal ? `signal ${signal}` : `exit code ${code}`),
    );
    log.info({ worker: name, pid: child.pid }, "worker started");
    child.stdin.write(encodeFrame(this.options.initMessage));
    this.pump();
  }

  private sendsNow(): boolean {
    return this.childReady() && this.inFlight === undefined && this.queue.length === 0;
  }

  private childReady(): boolean {
    return this.child !== undefined && !this.condemned && this.ready;
  }

  private onReadyFrame(value: unknown): void {
    if (!this.options.isReady?.(value)) return this.protocolError("the first frame is not the ready message");
    clearTimeout(this.readyTimer);
    this.ready = true;
    this.pump();
  }

  private onNotReady(child: Child): void {
    if (child !== this.child || this.ready || this.condemned) return;
    this.condemned = true;
    this.options.log.error(
      { worker: this.options.name, timeoutMs: this.options.startTimeoutMs ?? 30_000 },
      "worker not ready in time; killing it",
    );
    child.kill("SIGKILL");
  }

  private pump(): void {
    while (this.child && this.childReady() && !this.inFlight && this.queue.length > 0) {
      const pending = this.queue.shift() as Pending<Reply>;
      this.queue.forEach((waiting, index) => notify(waiting.onPosition, index + 1));
      let frame: Buffer;
      try {
        frame = encodeFrame(pending.job, this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
      } catch (error) {
        pending.reject(error as Error);
        continue;
      }
      this.inFlight = pending;
      pending.sentAt = performance.now();
      pending.timer = setTimeout(() => this.onTimeout(pending), this.jobTimeoutMs);
      notify(pending.onPosition, 0);
      this.child.stdin.write(frame);
    }
  }

  private onReply(value: unknown): void {
    const pending = this.inFlight;
    const jobId = (value as Partial<WorkerJob> | null)?.job_id;
    if (!pending || jobId !== pending.job.job_id)
      return this.protocolError(`reply for job ${String(jobId)}, which is not in flight`);
    const checked = this.options.checkReply?.(value) ?? { ok: true, value: value as Reply };
    if (!checked.ok) return this.protocolError(`invalid reply for job ${jobId}`);
    clearTimeout(pending.timer);
    this.inFlight = undefined;
    this.crashes = 0;
    this.averageJobMs = 0.8 * this.averageJobMs + 0.2 * (performance.now() - (pending.sentAt ?? 0));
    pending.resolve(checked.value);
    this.pump();
  }

  private onTimeout(pending: Pending<Reply>): void {
    if (this.inFlight !== pending || !this.child) return;
    this.inFlight = undefined;
    const { name, log } = this.options;
    log.warn(
      { worker: name, job_id: pending.job.job_id, timeoutMs: this.jobTimeoutMs },
      "worker job timed out",
    );
    pending.reject(new WorkerTimeoutError(name, pending.job.job_id, this.jobTimeoutMs));
    this.killedForTimeout = true;
    this.condemned = true;
    this.child.kill("SIGKILL");
  }

  private protocolError(reason: string): void {
    this.condemned = true;
    this.options.log.error({ worker: this.options.name, reason }, "worker protocol error; killing it");
    this.failInFlight(`protocol error: ${reason}`);
    this.child?.kill("SIGKILL");
  }

  private failInFlight(cause: string): void {
    const pending = this.inFlight;
    if (!pending) return;
    this.inFlight = undefined;
    clearTimeout(pending.timer);
    const { name } = this.options;
    pending.reject(
      this.stopping
        ? new WorkerStoppedError(name, pending.job.job_id)
        : new WorkerCrashedError(name, pending.job.job_id, cause),
    );
  }

  private onChildGone(child: Child, cause: string): void {
    if (child !== this.child) return;
    this.child = undefined;
    clearTimeout(this.readyTimer);
    this.failInFlight(cause);
    if (this.stopping) {
      this.options.log.info({ worker: this.options.name, cause }, "worker stopped");
      return this.childGone?.();
    }
    const { restartBaseMs = 200, restartMaxMs = 30_000, log, name } = this.options;
    if (Date.now() - this.spawnedAt > restartMaxMs) this.crashes = 0;
    const delayMs = this.killedForTimeout ? 0 : restartDelay(this.crashes++, restartBaseMs, restartMaxMs);
    this.killedForTimeout = false;
    log.warn({ worker: name, cause, restartInMs: delayMs }, "worker exited; restarting");
    this.restartTimer = setTimeout(() => this.spawnChild(), delayMs);
  }
}

function notify(callback: ((position: number) => void) | undefined, position: number): void {
  try {
    callback?.(position);
  } catch {
    // A listener's failure must not break the queue.
  }
}

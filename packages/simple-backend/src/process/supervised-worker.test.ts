import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { SupervisedWorker, type SupervisedWorkerOptions } from "./supervised-worker.js";
import {
  WorkerBusyError,
  WorkerCrashedError,
  WorkerStoppedError,
  WorkerTimeoutError,
} from "./worker-errors.js";

/** Runs the real child `testing/echo-worker.mjs` (it imports the built codec: `tsc -b` first). */
const ECHO_WORKER = fileURLToPath(new URL("./testing/echo-worker.mjs", import.meta.url));
const INIT = { type: "settings", sizes: [640, 256] };

interface EchoJob {
  job_id: string;
  action: "echo" | "delay" | "crash" | "hang" | "bad_reply" | "log";
  ms?: number;
}
interface EchoReply {
  job_id: string;
  pid: number;
  init: unknown;
}

const workers: SupervisedWorker<EchoJob, EchoReply>[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
});

function echoWorker(options: Partial<SupervisedWorkerOptions<EchoReply>> = {}) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger("debug", "test", { write: (line: string) => lines.push(JSON.parse(line)) });
  const worker = new SupervisedWorker<EchoJob, EchoReply>({
    name: "echo-worker",
    command: process.execPath,
    args: [ECHO_WORKER],
    initMessage: INIT,
    log,
    restartBaseMs: 50,
    restartMaxMs: 1000,
    stopGraceMs: 300,
    ...options,
  });
  workers.push(worker);
  worker.start();
  return { worker, lines };
}

let nextId = 0;
const job = (action: EchoJob["action"], ms?: number): EchoJob => ({
  job_id: `job-${++nextId}`,
  action,
  ...(ms === undefined ? {} : { ms }),
});

describe("SupervisedWorker", () => {
  it("sends the init message first and matches each reply to its job", async () => {
    const { worker } = echoWorker();
    const jobs = [job("delay", 30), job("echo"), job("delay", 5)];
    const replies = await Promise.all(jobs.map((each) => worker.request(each)));
    expect(replies.map((reply) => reply.job_id)).toEqual(jobs.map((each) => each.job_id));
    expect(replies.every((reply) => reply.pid === worker.pid)).toBe(true);
    expect(replies[0]?.init).toEqual(INIT);
  });

  it("reports queue positions, then 0 when a job is sent to the child", async () => {
    const { worker } = echoWorker();
    const positions: Record<string, number[]> = { a: [], b: [], c: [] };
    const jobs = { a: job("delay", 60), b: job("echo"), c: job("echo") };
    const done = (["a", "b", "c"] as const).map((key) =>
      worker.request(jobs[key], { onPosition: (position) => positions[key]?.push(position) }),
    );
    expect(worker.position(jobs.c.job_id)).toBe(2);
    await Promise.all(done);
    expect(positions).toEqual({ a: [0], b: [1, 0], c: [2, 1, 0] });
    expect(worker.position(jobs.c.job_id)).toBeUndefined();
  });

  it("fails the job in flight when the child crashes, restarts with back-off and re-sends the init", async () => {
    const { worker } = echoWorker({ restartBaseMs: 150 });
    const before = await worker.request(job("echo"));
    await expect(worker.request(job("crash"))).rejects.toThrow(WorkerCrashedError);
    const crashedAt = performance.now();
    // A second crash in a row doubles the delay.
    await expect(worker.request(job("crash"))).rejects.toThrow(/died while running job .*exit code 3/);
    const secondCrashAt = performance.now();
    const after = await worker.request(job("echo"));
    const recoveredAt = performance.now();
    expect(secondCrashAt - crashedAt).toBeGreaterThanOrEqual(140);
    expect(recoveredAt - secondCrashAt).toBeGreaterThanOrEqual(290);
    expect(after.pid).not.toBe(before.pid);
    expect(after.init).toEqual(INIT);
  });

  it("restarts a child killed while idle", async () => {
    const { worker } = echoWorker();
    const first = await worker.request(job("echo"));
    process.kill(first.pid, "SIGKILL");
    await sleep(20);
    const second = await worker.request(job("echo"));
    expect(second.pid).not.toBe(first.pid);
  });

  it("kills and restarts the child when a job times out, and runs the next job", async () => {
    // Long enough that a fresh child starting on a busy machine answers the next job in time.
    const { worker, lines } = echoWorker({ jobTimeoutMs: 1500 });
    const first = await worker.request(job("echo"));
    const started = performance.now();
    const hung = worker.request(job("hang"));
    const next = worker.request(job("echo"));
    await expect(hung).rejects.toThrow(WorkerTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1490);
    const reply = await next;
    expect(reply.pid).not.toBe(first.pid);
    expect(reply.init).toEqual(INIT);
    expect(lines.some((line) => line.msg === "worker job timed out")).toBe(true);
  });

  it("accepts maxQueued waiting jobs behind the one in flight and refuses the next as busy", async () => {
    const { worker } = echoWorker({ maxQueued: 3 });
    const running = worker.request(job("delay", 150));
    const waiting = [1, 2, 3].map(() => worker.request(job("echo")));
    expect(worker.queued).toBe(3);
    expect(worker.hasRoom()).toBe(false);
    const refused = worker.request(job("echo"));
    await expect(refused).rejects.toThrow(WorkerBusyError);
    const error = (await refused.catch((caught: unknown) => caught)) as WorkerBusyError;
    expect(error.code).toBe("worker_busy");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await Promise.all([running, ...waiting]);
    expect(worker.hasRoom()).toBe(true);
    await expect(worker.request(job("echo"))).resolves.toMatchObject({ init: INIT });
  });

  it("with isReady, jobs wait for the ready frame: start-up time never counts against a job", async () => {
    const { worker } = echoWorker({
      initMessage: { ...INIT, ready_after_ms: 1200 },
      isReady: (value) => (value as { type?: unknown }).type === "ready",
      jobTimeoutMs: 1000,
    });
    const started = performance.now();
    // A start-up longer than the job timeout is fine (it has its own limit); queued behind it, the
    // 500 ms job ends after ~1.7 s, past its timeout if the start-up counted.
    await expect(worker.request(job("delay", 500))).resolves.toMatchObject({ action: "delay" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1690);
  });

  it("kills and restarts a child that is not ready within the start timeout", async () => {
    const { worker, lines } = echoWorker({
      initMessage: { ...INIT, ready_after_ms: -1 },
      isReady: (value) => (value as { type?: unknown }).type === "ready",
      startTimeoutMs: 200,
    });
    await sleep(100);
    const first = worker.pid;
    while (!lines.some((line) => line.msg === "worker not ready in time; killing it")) await sleep(50);
    while (worker.pid === undefined || worker.pid === first) await sleep(50);
    expect(worker.pid).not.toBe(first);
    expect(worker.hasRoom()).toBe(true);
  });

  it("kills the child on a reply for a job that is not in flight", async () => {
    const { worker } = echoWorker();
    await expect(worker.request(job("bad_reply"))).rejects.toThrow(/protocol error/);
    await expect(worker.request(job("echo"))).resolves.toMatchObject({ init: INIT });
  });

  it("forwards the child's stderr lines to the logger", async () => {
    const { worker, lines } = echoWorker();
    const logged = job("log");
    await worker.request(logged);
    await sleep(50);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, msg: "careful", job_id: logged.job_id, worker: "echo-worker" }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, line: "plain text line" }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: "echo worker up" }));
  });

  it("stop() fails waiting jobs, lets the job in flight finish, and ends the child", async () => {
    // Grace long enough for a child still starting on a loaded machine to finish its job.
    const { worker } = echoWorker({ stopGraceMs: 5000 });
    const running = worker.request(job("delay", 100));
    const waiting = worker.request(job("echo"));
    const stopped = worker.stop();
    await expect(waiting).rejects.toThrow(WorkerStoppedError);
    await expect(worker.request(job("echo"))).rejects.toThrow(WorkerStoppedError);
    await expect(running).resolves.toMatchObject({ init: INIT });
    await stopped;
    expect(worker.pid).toBeUndefined();
  });

  it("stop() kills a child that does not exit within the grace period", async () => {
    const { worker } = echoWorker({ stopGraceMs: 150 });
    const hung = worker.request(job("hang"));
    await sleep(30);
    const started = performance.now();
    await worker.stop();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await expect(hung).rejects.toThrow(WorkerStoppedError);
  });
});

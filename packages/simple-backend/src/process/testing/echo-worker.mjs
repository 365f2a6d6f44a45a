// A tiny child for supervised-worker.test.ts, speaking the frame protocol on stdin/stdout.
// First frame: the init message, kept. Then jobs `{ job_id, action, ms? }`, answered with
// `{ job_id, pid, init, action }`. Actions: "echo" (reply now), "delay" (reply after `ms`),
// "crash" (exit 3 without replying), "hang" (never reply, and keep running after stdin ends),
// "bad_reply" (reply with another job's id), "log" (a pino-like line and a plain line on stderr).
// An init message with `ready_after_ms` makes it send `{ type: "ready" }` that long after the init
// (a negative value: never).
// It uses the built codec (run `tsc -b` first), as the image worker's process test does.
import { encodeFrame, FrameDecoder } from "../../../dist/process/frame-codec.js";

const decoder = new FrameDecoder();
let init;
const reply = (job, extra = {}) =>
  process.stdout.write(
    encodeFrame({ job_id: job.job_id, pid: process.pid, init, action: job.action, ...extra }),
  );

process.stderr.write(`${JSON.stringify({ level: 30, msg: "echo worker up", pid: process.pid })}\n`);
process.stdin.on("data", (chunk) => {
  for (const message of decoder.push(chunk)) {
    if (init === undefined) {
      init = message;
      const readyAfter = init.ready_after_ms;
      if (typeof readyAfter === "number" && readyAfter >= 0)
        setTimeout(() => process.stdout.write(encodeFrame({ type: "ready" })), readyAfter);
      continue;
    }
    switch (message.action) {
      case "delay":
        setTimeout(() => reply(message), message.ms);
        break;
      case "crash":
        process.exit(3);
        break;
      case "hang":
        setInterval(() => {}, 1000);
        break;
      case "bad_reply":
        reply({ ...message, job_id: "someone-else" });
        break;
      case "log":
        process.stderr.write(`${JSON.stringify({ level: 40, msg: "careful", job_id: message.job_id })}\n`);
        process.stderr.write("plain text line\n");
        reply(message);
        break;
      default:
        reply(message);
    }
  }
});

import { execFile } from "node:child_process";
import type { SystemCommandResult } from "@venus/model";
import type { Logger } from "@venus/simple-backend";

/** A reboot or shutdown command that has not finished in this time is killed and counts as failed. */
const COMMAND_TIMEOUT_MS = 60_000;
/** The end of a command's output kept for the answer. */
const OUTPUT_CHARS = 2000;

/** Runs a configured command (program and arguments, no shell); never throws: the result says how it went. */
export function runSystemCommand(
  command: readonly string[],
  what: string,
  log: Logger,
): Promise<SystemCommandResult> {
  const [program = "", ...args] = command;
  log.warn({ command }, `running the ${what} command`);
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      { timeout: COMMAND_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.slice(-OUTPUT_CHARS);
        const failure = error as (Error & { code?: number | string; signal?: string | null }) | null;
        const result: SystemCommandResult = {
          command: [...command],
          ok: failure === null,
          exit_code: failure === null ? 0 : typeof failure.code === "number" ? failure.code : null,
          signal: failure?.signal ?? null,
          // A program that could not start at all (ENOENT, EACCES) printed nothing: say why instead.
          output: failure !== null && typeof failure.code === "string" ? failure.message : output,
        };
        if (result.ok) log.info({ command, output }, `the ${what} command finished`);
        else log.error(result, `the ${what} command failed`);
        resolve(result);
      },
    );
  });
}

/** A failed command in a sentence, for a task's last run and an error answer. */
export function describeFailure(what: string, result: SystemCommandResult): string {
  const how =
    result.exit_code !== null
      ? `exited with code ${result.exit_code}`
      : result.signal !== null
        ? `was killed by ${result.signal}`
        : "could not run";
  return `the ${what} command ${how}${result.output ? `: ${result.output.trim()}` : ""}`;
}

import { writeFileSync } from "node:fs";
import {
  ServerUnreachableError,
  formatLoadTable,
  loadReportJson,
  runLoad,
  type LoadProgress,
  type LoadReport,
} from "@venus/bot-client";
import { Presets, SingleBar } from "cli-progress";
import { loadBotsFile } from "./load-bots-file.js";
import { chooseLoadSignIn, limitLine } from "./load-sign-in.js";

export interface LoadModeOptions {
  server: string;
  /** The server's loopback bot listener, used when the server runs on this machine. */
  botListener: string;
  /** The local server's config file (where its data directory, and so its admin token, is). */
  configFile?: string | undefined;
  users: number;
  duration: number;
  interval: number;
  /** `true` (or `-`): the JSON on stdout instead of the table; a file name: the JSON there, the table on stdout. */
  json?: string | true;
}

/**
 * The progress on stderr (so JSON on stdout stays clean): a bar of bots set up, then one of the
 * measured seconds with the running counts. cli-progress draws nothing when stderr is not a terminal.
 */
class ProgressBars {
  private current: { phase: LoadProgress["phase"]; bar: SingleBar } | undefined;

  readonly update = (progress: LoadProgress): void => {
    if (progress.phase === "setup")
      this.show(progress.phase, "setup", progress.total, progress.ready + progress.failed, {
        unit: "bots",
        detail: `${progress.failed} failed`,
      });
    else if (progress.phase === "measured")
      this.show(progress.phase, "load ", progress.durationSeconds, Math.floor(progress.elapsedSeconds), {
        unit: "s",
        detail: `${progress.requests} requests, ${progress.messages} messages, ${progress.errors} errors`,
      });
    else this.stop();
  };

  stop(): void {
    this.current?.bar.stop();
    this.current = undefined;
  }

  /** Moves the phase's bar (starting it, and stopping the previous phase's, on its first update). */
  private show(
    phase: LoadProgress["phase"],
    label: string,
    total: number,
    value: number,
    payload: { unit: string; detail: string },
  ): void {
    if (this.current?.phase !== phase) {
      this.stop();
      const bar = new SingleBar(
        {
          stream: process.stderr,
          format: `${label} |{bar}| {value}/{total} {unit} | {detail}`,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(total, value, payload);
      this.current = { phase, bar };
    }
    this.current.bar.update(value, payload);
  }
}

/**
 * `venus bot load`: plays the load bots against `server` and prints the summary (see docs/bots.md,
 * "Load generator"). Resolves with the exit code: 1 when the server cannot be reached or no bot could
 * be set up, else 0 (errors are counted in the summary).
 */
export async function runLoadMode(options: LoadModeOptions): Promise<number> {
  const settings = loadBotsFile("");
  const signIn = await chooseLoadSignIn(options);
  if (signIn.note !== undefined) process.stderr.write(`${signIn.note}\n`);
  const bars = new ProgressBars();
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt);
  let report: LoadReport;
  try {
    report = await runLoad({
      url: options.server,
      users: options.users,
      durationSeconds: options.duration,
      intervalSeconds: options.interval,
      settings,
      onProgress: bars.update,
      signal: stop.signal,
      ...(signIn.botListener === undefined ? {} : { botListener: signIn.botListener }),
    });
  } catch (error) {
    if (!(error instanceof ServerUnreachableError)) throw error;
    process.stderr.write(`venus: ${error.message}\n`);
    return 1;
  } finally {
    bars.stop();
    process.off("SIGINT", interrupt);
    await signIn.restore();
  }
  const toStdout = options.json === true || options.json === "-";
  if (typeof options.json === "string" && !toStdout) writeFileSync(options.json, loadReportJson(report));
  process.stdout.write(toStdout ? loadReportJson(report) : formatLoadTable(report));
  const limited = limitLine(report);
  if (limited !== undefined) process.stderr.write(`${limited}\n`);
  if (report.setup.ready === 0) {
    const why = Object.keys(report.setup.failures).join(", ");
    process.stderr.write(`venus: no load bot could be set up (${why || "none asked for"})\n`);
    return 1;
  }
  return 0;
}

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { KeptLine } from "../line-ring.js";
import { runTimes, type ServerStatus, type ServerSupervisor } from "../server-supervisor.js";

const execFileAsync = promisify(execFile);

/** A `systemctl` or `journalctl` call that failed: the tool's own complaint, for the API's answer. */
export class ServerControlError extends Error {}

async function run(command: string, args: string[], maxBuffer = 1024 * 1024): Promise<string> {
  try {
    return (await execFileAsync(command, args, { maxBuffer })).stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new ServerControlError(`${command} ${args.join(" ")} failed: ${stderr?.trim() || message}`);
  }
}

/** `systemctl show` properties as a map. */
export function parseShow(output: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of output.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) properties.set(line.slice(0, at), line.slice(at + 1));
  }
  return properties;
}

/** A `--timestamp=unix` value (`@1700000000`) in Unix ms; undefined for an empty one. */
function unixMs(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^@(\d+)$/.exec(value);
  return match ? Number(match[1]) * 1000 : undefined;
}

/** The server's status from `systemctl show`. */
export function statusFromShow(
  unit: string,
  properties: Map<string, string>,
  requested: number,
): ServerStatus {
  const pid = Number(properties.get("MainPID") ?? 0);
  const running = properties.get("ActiveState") === "active" && pid > 0;
  return {
    control: "systemd",
    unit,
    running,
    pid: running ? pid : null,
    ...runTimes(running ? unixMs(properties.get("ActiveEnterTimestamp")) : undefined),
    restarts: Number(properties.get("NRestarts") ?? 0),
    requested_restarts: requested,
  };
}

/** `journalctl -o json` lines as kept lines; MESSAGE is a string, or an array of bytes when not UTF-8. */
export function parseJournal(output: string): KeptLine[] {
  const lines: KeptLine[] = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const entry = JSON.parse(line) as { __REALTIME_TIMESTAMP?: string; MESSAGE?: string | number[] | null };
    const message = entry.MESSAGE;
    const text = Array.isArray(message) ? Buffer.from(message).toString("utf8") : (message ?? "");
    lines.push({ time: Math.floor(Number(entry.__REALTIME_TIMESTAMP ?? 0) / 1000), stream: "journal", text });
  }
  return lines;
}

/**
 * The server as a systemd unit: systemd starts it and restarts it after a crash; the manager reads its
 * state with `systemctl show`, restarts it with `systemctl restart` and reads its log from journald.
 * The manager's own shutdown leaves the unit running.
 */
export class SystemdServer implements ServerSupervisor {
  private requestedRestarts = 0;

  constructor(private readonly unit: string) {}

  start(): void {}

  async restart(): Promise<void> {
    this.requestedRestarts++;
    await run("systemctl", ["restart", this.unit]);
  }

  async stop(): Promise<void> {}

  async status(): Promise<ServerStatus> {
    const stdout = await run("systemctl", [
      "show",
      this.unit,
      "--timestamp=unix",
      "--property=ActiveState,MainPID,ActiveEnterTimestamp,NRestarts",
    ]);
    return statusFromShow(this.unit, parseShow(stdout), this.requestedRestarts);
  }

  async logs(count: number): Promise<KeptLine[]> {
    const stdout = await run(
      "journalctl",
      ["--unit", this.unit, "--lines", String(count), "--output", "json", "--no-pager"],
      256 * 1024 * 1024,
    );
    return parseJournal(stdout);
  }
}

import type { KeptLine } from "./line-ring.js";

/** The ways the manager controls the server (`server.control`). */
export type ServerControlName = "child" | "systemd" | "none";

export interface ServerStatus {
  control: ServerControlName;
  /** The systemd unit (control `systemd`). */
  unit?: string;
  running: boolean;
  pid: number | null;
  /** When the current run started (ISO 8601), and for how long it has run. */
  since: string | null;
  uptime_seconds: number | null;
  /** Restarts after the server exited on its own (control `systemd`: the unit's NRestarts). */
  restarts: number;
  /** Restarts asked for through the API. */
  requested_restarts: number;
}

/** What the manager does to the server, whichever way it is run. */
export interface ServerSupervisor {
  start(): void;
  /** Graceful restart; resolves once the server was started again. */
  restart(): Promise<void>;
  /** Stops supervising at manager shutdown (a child server is stopped; a systemd unit is left alone). */
  stop(): Promise<void>;
  status(): Promise<ServerStatus>;
  /** The last `count` lines of the server's output, oldest first. */
  logs(count: number): Promise<KeptLine[]>;
}

/** The status fields every control derives the same way from a start time. */
export function runTimes(since: number | undefined, now = Date.now()) {
  return {
    since: since === undefined ? null : new Date(since).toISOString(),
    uptime_seconds: since === undefined ? null : (now - since) / 1000,
  };
}

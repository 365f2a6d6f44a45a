import type { ManagerConfig } from "@venus/model";
import type { Logger } from "@venus/simple-backend";
import type { ServerSupervisor } from "../server-supervisor.js";
import { ChildServer, type ServerCommand } from "./child-server.js";
import { SystemdServer } from "./systemd-server.js";
import { UnsupervisedServer } from "./unsupervised-server.js";

/** The server's control as `server.control` says. */
export function openServerSupervisor(
  config: ManagerConfig,
  server: ServerCommand,
  env: NodeJS.ProcessEnv,
  log: Logger,
): ServerSupervisor {
  switch (config.server.control) {
    case "systemd":
      return new SystemdServer(config.server.unit);
    case "none":
      return new UnsupervisedServer();
    case "child":
      return new ChildServer({
        server,
        configFile: config.server.config_file,
        env,
        log,
        restartBaseMs: config.server.restart_base_ms,
        restartMaxMs: config.server.restart_max_seconds * 1000,
        stopTimeoutMs: config.server.stop_timeout_seconds * 1000,
        logLines: config.server.log_lines,
        // The server's log stays on the manager's standard output, as if it ran alone (journald, files).
        onStdoutLine: (line) => process.stdout.write(`${line}\n`),
      });
  }
}

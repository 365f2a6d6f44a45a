import { MANAGER_CLOSE_CODES, ManagerConfig, VenusConfig } from "@venus/model";
import {
  ConfigError,
  createLogger,
  DataDirLockedError,
  errorReply,
  createTransport,
  HttpServer,
  loadConfig,
  lockDataDir,
  type Logger,
  Metrics,
  Shutdown,
  SystemdNotifier,
  countInternalError,
  makeDataDirPrivate,
  NO_TRUSTED_PROXIES,
} from "@venus/simple-backend";
import { ApiKeyGate } from "./api/api-key-gate.js";
import { backupConfigProblem } from "./backup/backup-config-check.js";
import { startBackups } from "./backup/start-backups.js";
import { apiUrl } from "./api/api-url.js";
import { mountManagerHttp } from "./api/manager-http.js";
import { ManagerRouter } from "./api/manager-router.js";
import { Remotes } from "./remotes/remotes.js";
import { addMaintenance } from "./maintenance/add-maintenance.js";
import { addManagerSocketEndpoint, MANAGER_SOCKET_PATH } from "./socket/manager-socket-endpoint.js";
import { ServerLinks } from "./socket/server-links.js";
import { startOutboundLinks } from "./remotes/outbound-links.js";
import { addLinkRoutes } from "./routes/link-routes.js";
import { addRemoteRoutes } from "./routes/remote-routes.js";
import { addServerRoutes } from "./routes/server-routes.js";
import { addSystemRoutes } from "./routes/system-routes.js";
import type { ServerCommand } from "./control/child-server.js";
import { openServerSupervisor } from "./control/open-server-supervisor.js";
import { collectSystemInfo } from "./system-info.js";

/** `VENUS_MANAGER_API__PORT=4200` sets `api.port`; the server's own variables keep `VENUS_`. */
export const MANAGER_ENV_PREFIX = "VENUS_MANAGER_";
export const CONFIG_ERROR_EXIT_CODE = 2;
/** Room for a backup chunk (`backup.chunk_bytes` at most 4 MiB) and its encryption overhead. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** An over-limit body is read and dropped after its 413 up to this, so the client sees the answer. */
const MANAGER_DISCARD = { maxBytes: 4 * MAX_BODY_BYTES, seconds: 30 };
/** Sockets that send nothing for this long are closed; every client of the socket pings more often. */
const SOCKET_IDLE_SECONDS = 120;

export interface RunManagerOptions {
  configFile: string | undefined;
  /** How to run `venus server` (this same program); `--config <server.config_file>` is appended. */
  server: ServerCommand;
  version: string;
}

function refuse(message: string, code: number): never {
  process.stderr.write(`venus: ${message}\n`);
  process.exit(code);
}

export function loadManagerConfig(file: string | undefined): ManagerConfig {
  let config: ManagerConfig;
  try {
    config = loadConfig({ schema: ManagerConfig, file, envPrefix: MANAGER_ENV_PREFIX });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    refuse(error.message, CONFIG_ERROR_EXIT_CODE);
  }
  if (config.api.api_key === "")
    refuse(
      `the manager needs an API key: set api.api_key in ${file ?? "its config file"} ` +
        `(or ${MANAGER_ENV_PREFIX}API__API_KEY); it refuses to run its API without one`,
      CONFIG_ERROR_EXIT_CODE,
    );
  const backupProblem = backupConfigProblem(config);
  if (backupProblem !== undefined) refuse(backupProblem, CONFIG_ERROR_EXIT_CODE);
  return config;
}

/** systemd's variables for the manager itself: the server child must not notify in its name. */
const SYSTEMD_ONLY = new Set(["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]);

/** The server's environment: the manager's own variables would be unknown keys to the server. */
function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith(MANAGER_ENV_PREFIX) && !SYSTEMD_ONLY.has(name),
    ),
  );
}

/** Where the server it runs finds this manager: its link for maintenance events and `/admin/manager/…`. */
function localManagerEnv(config: ManagerConfig, port: number): NodeJS.ProcessEnv {
  return {
    VENUS_LOCAL_MANAGER__URL: `${apiUrl(config.api.host, port, "ws")}${MANAGER_SOCKET_PATH}`,
    VENUS_LOCAL_MANAGER__API_KEY: config.api.api_key,
  };
}

/** The server's data directory, from its config, for the disk report; undefined when it cannot be read. */
function serverDataDir(configFile: string, env: NodeJS.ProcessEnv, log: Logger): string | undefined {
  try {
    return loadConfig({ schema: VenusConfig, file: configFile || undefined, env, envPrefix: "VENUS_" })
      .data_dir;
  } catch (error) {
    log.warn(
      { err: error },
      "cannot read the server's config; its data directory is left out of system_info",
    );
    return undefined;
  }
}

/** `venus manager`: runs the server as a supervised child and serves the manager API until a signal. */
export async function runManager(options: RunManagerOptions): Promise<void> {
  const config = loadManagerConfig(options.configFile);
  const log = createLogger(config.log.level, "venus-manager", 1, config.log.format);
  const modeFixes = makeDataDirPrivate(config.data_dir);
  if (modeFixes.length > 0)
    log.warn(
      { fixed: modeFixes },
      "data directory entries were open to other users; made private to this user",
    );
  let releaseLock: () => void;
  try {
    releaseLock = lockDataDir(config.data_dir);
  } catch (error) {
    if (error instanceof DataDirLockedError) refuse(error.message, 1);
    throw error;
  }
  // The manager API carries little traffic: whichever transport runs here will do.
  const transport = createTransport("auto");
  log.info({ transport: transport.name, reason: transport.reason }, `HTTP transport: ${transport.name}`);

  const env = serverEnv();
  const supervisor = openServerSupervisor(config, options.server, env, log);
  process.on("uncaughtException", (error) => {
    log.fatal({ err: error }, "uncaught exception; stopping the server and exiting");
    void supervisor.stop(); // sends SIGTERM at once: the server shuts down gracefully on its own
    process.exit(1);
  });

  const dataDirs = [{ name: "manager_data", path: config.data_dir }];
  const serverData = serverDataDir(config.server.config_file, env, log);
  if (serverData !== undefined) dataDirs.push({ name: "server_data", path: serverData });

  const metrics = new Metrics();
  const http = new HttpServer(transport, {
    host: config.api.host,
    port: config.api.port,
    maxBodyBytes: MAX_BODY_BYTES,
    trustedProxies: NO_TRUSTED_PROXIES,
    discard: MANAGER_DISCARD,
    log,
    metrics,
    onError: (error, ctx) => {
      ctx.log.error({ err: error, url: ctx.url }, "manager API request failed");
      countInternalError(metrics, "http");
      return errorReply(500, "internal_error", "the manager could not answer this request");
    },
  });
  const gate = new ApiKeyGate(
    config.api.api_key,
    {
      baseDelayMs: config.api.failed_key_base_delay_ms,
      maxDelayMs: config.api.failed_key_max_delay_seconds * 1000,
    },
    log,
  );
  const router = new ManagerRouter();
  const serverLinks = new ServerLinks();
  addServerRoutes(router, supervisor, config.server.log_lines, serverLinks);
  addSystemRoutes(router, () =>
    collectSystemInfo({ version: options.version, dataDirs, server: () => supervisor.status() }),
  );
  const maintenance = addMaintenance(router, { config, supervisor, serverLinks, log });
  const remotes = new Remotes(config.remotes, config.links.request_timeout_seconds * 1000);
  addRemoteRoutes(router, remotes);
  const backups = await startBackups({ router, config, remotes, serverDataDir: serverData, log });
  const sockets = addManagerSocketEndpoint(http, {
    gate,
    dispatch: router.dispatch,
    remotes,
    serverLinks,
    version: options.version,
    requestTimeoutMs: config.links.request_timeout_seconds * 1000,
    maxFrameBytes: MAX_BODY_BYTES,
    idleTimeoutSeconds: SOCKET_IDLE_SECONDS,
    helloTimeoutMs: 10_000,
    log,
    metrics,
  });
  const outboundLinks = startOutboundLinks(config, gate, router.dispatch, log);
  addLinkRoutes(router, () => outboundLinks.status());
  mountManagerHttp(http, gate, router.dispatch);

  const notifier = new SystemdNotifier(process.env, (error) =>
    log.warn({ err: error }, "systemd-notify failed"),
  );
  // Long enough for the server's own graceful shutdown and the SIGKILL after it.
  const shutdown = new Shutdown(log, config.server.stop_timeout_seconds * 1000 + 10_000);
  // No draining: a wrong key's delayed 401 must not hold the shutdown up.
  shutdown.add("tell systemd", () => notifier.stopping("shutting down"));
  shutdown.add("stop maintenance", () => maintenance.stop());
  shutdown.add("stop accepting", () => {
    http.stopAccepting();
    outboundLinks.stop();
    sockets.closeAll(MANAGER_CLOSE_CODES.shuttingDown, "shutting_down");
  });
  shutdown.add("stop backups", () => backups.stop());
  shutdown.add("stop the server", () => supervisor.stop());
  shutdown.add("release data directory", releaseLock);
  shutdown.listen();

  const port = await http.listen();
  log.info(
    { host: config.api.host, port, version: options.version, dataDir: config.data_dir },
    "manager listening",
  );
  // The port is known only now; a child server gets `env` when it is started.
  Object.assign(env, localManagerEnv(config, port));
  supervisor.start();
  maintenance.start();
  await notifier.ready(`manager API on ${config.api.host}:${port}`);
  const stopWatchdog = notifier.keepWatchdog();
  shutdown.add("stop the watchdog", stopWatchdog);
  const serverPid = await supervisor.status().then(
    (status) => status.pid,
    () => null,
  );
  log.info({ control: config.server.control, serverPid }, "supervising the server");
}

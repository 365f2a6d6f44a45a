import { Type, type Static } from "@sinclair/typebox";
import { backendConfigProperties, configSection } from "@venus/simple-backend";
import { managerBackupSection } from "./manager-backup-config.js";
import { managerMaintenanceSection, managerSystemSection } from "./manager-maintenance-config.js";
import { managerLinksSection, managerOutboundLinks, managerRemotes } from "./manager-remotes-config.js";

/** Ways the manager controls the server (docs/manager.md). */
export const SERVER_CONTROLS = ["child", "systemd", "none"] as const;

/** The whole `venus manager` configuration: one schema, every option with its default. */
export const ManagerConfig = Type.Object(
  {
    data_dir: Type.String({
      default: "./manager-data",
      minLength: 1,
      description:
        "The manager's own directory (lock file; later schedules and backups). Not the server's data directory.",
    }),
    log: backendConfigProperties.log,
    api: configSection("The manager API (HTTP).", {
      host: Type.String({
        default: "127.0.0.1",
        description: "Address to listen on; keep it on loopback unless a firewall guards the port.",
      }),
      port: Type.Integer({
        default: 4100,
        minimum: 0,
        maximum: 65535,
        description: "TCP port; 0 picks a free one.",
      }),
      api_key: Type.String({
        default: "",
        description:
          "Key clients send as `Authorization: Bearer <key>`. Required: the manager refuses to start while it is empty.",
      }),
      failed_key_base_delay_ms: Type.Integer({
        default: 250,
        minimum: 1,
        description:
          "Delay before answering a wrong key; doubles with each failure in a row from the same address.",
      }),
      failed_key_max_delay_seconds: Type.Number({
        default: 30,
        exclusiveMinimum: 0,
        description: "Longest delay before answering a wrong key.",
      }),
    }),
    server: configSection("The supervised `venus server`.", {
      control: Type.Union(
        SERVER_CONTROLS.map((control) => Type.Literal(control)),
        {
          default: "child",
          description:
            '"child": the manager runs the server as its child process; "systemd": systemd runs `server.unit` and the manager uses systemctl and journald; "none": no server (a manager that only keeps backups or relays).',
        },
      ),
      unit: Type.String({
        default: "venus.service",
        minLength: 1,
        description: 'The server\'s systemd unit (control "systemd").',
      }),
      config_file: Type.String({
        default: "",
        description: "The server's TOML config, passed as `venus server --config`; empty: its defaults.",
      }),
      restart_base_ms: Type.Integer({
        default: 500,
        minimum: 1,
        description: "First restart delay after a crash; doubles with each crash in a row.",
      }),
      restart_max_seconds: Type.Number({
        default: 30,
        exclusiveMinimum: 0,
        description: "Longest restart delay after crashes.",
      }),
      stop_timeout_seconds: Type.Number({
        default: 30,
        exclusiveMinimum: 0,
        description:
          "How long a stop or restart waits after SIGTERM before SIGKILL; keep it above the server's shutdown.deadline_seconds.",
      }),
      log_lines: Type.Integer({
        default: 1000,
        minimum: 1,
        maximum: 1_000_000,
        description: "Lines of the server's output (stdout and stderr) kept for GET /manager/logs.",
      }),
    }),
    maintenance: managerMaintenanceSection,
    system: managerSystemSection,
    links: managerLinksSection,
    remotes: managerRemotes,
    outbound_links: managerOutboundLinks,
    backup: managerBackupSection,
  },
  { additionalProperties: false },
);
export type ManagerConfig = Static<typeof ManagerConfig>;

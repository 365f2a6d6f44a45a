import { Type } from "@sinclair/typebox";
import { configSection } from "@venus/simple-backend";

const command = (fallback: string[], what: string) =>
  Type.Array(Type.String({ minLength: 1 }), {
    default: fallback,
    minItems: 1,
    description: `Program and arguments run to ${what} (no shell).`,
  });

export const managerMaintenanceSection = configSection("Scheduled server restarts and system reboots.", {
  window_utc: Type.String({
    default: "04:00",
    pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$",
    description:
      "HH:MM (UTC): the daily maintenance window; a task scheduled without `at` starts at the next one.",
  }),
  notice_minutes: Type.Number({
    default: 5,
    minimum: 0,
    description:
      "How long before a task with notify_server starts the server tells its clients `maintenance` (at once when the start is nearer).",
  }),
});

export const managerSystemSection = configSection("Rebooting and shutting down the machine.", {
  allow_reboot: Type.Boolean({
    default: false,
    description: "Whether the API may reboot the machine, now or as a scheduled reboot_system task.",
  }),
  allow_shutdown: Type.Boolean({
    default: false,
    description: "Whether the API may shut the machine down.",
  }),
  reboot_command: command(["systemctl", "reboot"], "reboot the machine"),
  shutdown_command: command(["systemctl", "poweroff"], "shut the machine down"),
});

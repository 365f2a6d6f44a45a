export { runManager, MANAGER_ENV_PREFIX, type RunManagerOptions } from "./run-manager.js";
export type { ServerStatus } from "./server-supervisor.js";
export type { ServerCommand } from "./control/child-server.js";
export type { SystemInfo, DiskUsage } from "./system-info.js";
export type { ProcessResources } from "./proc-stats.js";
export { runManagerApiCommand, type ManagerApiCall } from "./api/manager-api-command.js";

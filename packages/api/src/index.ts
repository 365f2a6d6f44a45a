export { mountApi, mountLocalBotApi, ROUTES, LOCAL_BOT_ROUTES, WEBSOCKET_PATH } from "./mount-api.js";
export { errorToReply } from "./error-reply.js";
export type { ApiDeps, LocalManager } from "./api-deps.js";
export { MaintenanceNotices } from "./ws/maintenance-notice.js";
export { mountAdminCliApi } from "./admin-cli/admin-cli-api.js";
export { runAdminCommand } from "./admin-cli/admin-commands.js";

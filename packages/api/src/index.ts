export { mountApi, mountLocalBotApi, ROUTES, LOCAL_BOT_ROUTES, WEBSOCKET_PATH } from "./mount-api.js";
export { errorToReply } from "./error-reply.js";
export type { ApiDeps } from "./api-deps.js";

import { addWebSocketEndpoint, type HttpMethod, type HttpServer } from "@venus/simple-backend";
import type { ApiDeps } from "./api-deps.js";
import { asyncApiDocument } from "./asyncapi-document.js";
import { openApiDocument } from "./openapi-document.js";
import type { ApiRoute } from "./route.js";
import { completeSetupRoute } from "./routes/account/complete-setup-route.js";
import { loginRoute } from "./routes/account/login-route.js";
import { logoutRoute } from "./routes/account/logout-route.js";
import { devicesRoute, signOutDeviceRoute } from "./routes/account/device-routes.js";
import { changePasswordRoute } from "./routes/account/password-route.js";
import {
  passwordResetConfirmRoute,
  passwordResetRequestRoute,
} from "./routes/account/password-reset-routes.js";
import { refreshRoute } from "./routes/account/refresh-route.js";
import { registerRoute } from "./routes/account/register-route.js";
import {
  emailLoginRequestRoute,
  emailLoginVerifyRoute,
  oidcSignInRoute,
} from "./routes/account/sign-in-routes.js";
import {
  linkOidcRoute,
  signInMethodsRoute,
  unlinkOidcRoute,
} from "./routes/account/sign-in-methods-routes.js";
import {
  cancelEmailChangeRoute,
  changeEmailRoute,
  confirmEmailLinkRoute,
  confirmEmailRoute,
  resendVerificationRoute,
} from "./routes/account/email-routes.js";
import { setupRoute } from "./routes/account/setup-route.js";
import { stateRoute } from "./routes/account/state-route.js";
import { cancelDeletionRoute, deleteAccountRoute } from "./routes/account/deletion-routes.js";
import {
  downloadExportRoute,
  exportStatusRoute,
  requestExportRoute,
} from "./routes/account/export-routes.js";
import { deleteAccountNowRoute } from "./routes/admin/account-delete-route.js";
import { clientConfigRoute } from "./routes/account/client-config-route.js";
import { oidcFormPostRoute, signInProvidersRoute } from "./routes/account/sign-in-providers-route.js";
import {
  banRoute,
  lockRoute,
  logoutAccountRoute,
  unbanRoute,
  unlockRoute,
} from "./routes/admin/account-action-routes.js";
import {
  adminAccountByEmailRoute,
  adminAccountRoute,
  adminsRoute,
  setPermissionsRoute,
} from "./routes/admin/account-lookup-routes.js";
import { auditRoute } from "./routes/admin/audit-routes.js";
import {
  adminContentRoute,
  adminDevicesRoute,
  adminSignInMethodsRoute,
} from "./routes/admin/account-detail-routes.js";
import { runDailyTaskRoute } from "./routes/admin/daily-task-route.js";
import { apiUsageRoute, ipHistoryRoute } from "./routes/admin/statistics-account-routes.js";
import {
  statisticsHistoryHoursRoute,
  storeStatisticsHourRoute,
} from "./routes/admin/statistics-history-routes.js";
import { listFlagsRoute, setFlagRoute } from "./routes/admin/flags-routes.js";
import { managerForwardRoutes } from "./routes/admin/manager-routes.js";
import { moderateRoute, moderationQueueRoute } from "./routes/admin/profile-moderation-routes.js";
import { attributesRoute, browseNextRoute, browseResetRoute } from "./routes/profile/browse-routes.js";
import {
  automaticSearchResultsRoute,
  automaticSearchSettingsRoute,
  setAutomaticSearchSettingsRoute,
} from "./routes/profile/automatic-search-routes.js";
import { editProfileRoute, getOwnProfileRoute, getProfileRoute } from "./routes/profile/profile-routes.js";
import {
  setLocationRoute,
  setPrivacyRoute,
  setVisibilityRoute,
} from "./routes/profile/profile-settings-routes.js";
import {
  addFavoriteRoute,
  listFavoritesRoute,
  removeFavoriteRoute,
} from "./routes/profile/favorites-routes.js";
import {
  adminStatisticsRoute,
  statisticsHistoryRoute,
  statisticsRoute,
} from "./routes/profile/statistics-routes.js";
import { mediaModerationQueueRoute, moderateContentRoute } from "./routes/admin/media-moderation-routes.js";
import { decideVerificationRoute, verificationQueueRoute } from "./routes/admin/verification-routes.js";
import { contentFileRoute, deleteContentRoute, ownContentRoute } from "./routes/media/content-routes.js";
import {
  profileContentRoute,
  setProfileContentRoute,
  setSecuritySelfieRoute,
} from "./routes/media/profile-content-routes.js";
import { uploadRoute, uploadStatusRoute } from "./routes/media/upload-routes.js";
import { asyncApiRoute, healthRoute, metricsRoute, openApiRoute } from "./routes/system/system-routes.js";
import { websocketSession } from "./ws/websocket-session.js";
import { botLoginRoute, botRegisterRoute } from "./routes/bot/local-bot-routes.js";
import { remoteBotLoginRoute } from "./routes/bot/remote-bot-login-route.js";
import { blockRoute, blocksRoute, unblockRoute } from "./routes/chat/block-routes.js";
import {
  likeRoute,
  matchesRoute,
  receivedLikesRoute,
  resetNewLikesRoute,
} from "./routes/chat/like-routes.js";
import {
  ackMessagesRoute,
  ackSentRoute,
  pendingMessagesRoute,
  sendMessageRoute,
} from "./routes/chat/message-routes.js";
import { publicKeyRoute, publishKeyRoute } from "./routes/chat/public-key-routes.js";
import { ackSeenRoute, receiptsRoute, seenRoute, typingRoute } from "./routes/chat/receipt-routes.js";
import { reportMessagesRoute } from "./routes/chat/report-routes.js";
import { reportImageRoute, reportNameRoute, reportTextRoute } from "./routes/report/report-routes.js";
import { decideReportRoute, reportQueueRoute } from "./routes/admin/report-routes.js";
import {
  pushTargetRoute,
  removePushTargetRoute,
  setPushTargetRoute,
  vapidPublicKeyRoute,
} from "./routes/push/push-target-routes.js";
import {
  notificationSettingsRoute,
  setNotificationSettingsRoute,
} from "./routes/push/notification-settings-routes.js";
import { unsubscribeRemindersRoute } from "./routes/push/reminder-routes.js";
import { setLanguageRoute } from "./routes/account/language-route.js";
import { chatSettingsRoute, chatStateRoute, setChatSettingsRoute } from "./routes/chat/settings-routes.js";
import { OPS_ROUTES } from "./routes/ops-routes.js";

export const ROUTES: readonly ApiRoute[] = [
  registerRoute,
  loginRoute,
  oidcSignInRoute,
  emailLoginRequestRoute,
  emailLoginVerifyRoute,
  signInMethodsRoute,
  linkOidcRoute,
  unlinkOidcRoute,
  resendVerificationRoute,
  changeEmailRoute,
  cancelEmailChangeRoute,
  confirmEmailRoute,
  confirmEmailLinkRoute,
  refreshRoute,
  logoutRoute,
  devicesRoute,
  signOutDeviceRoute,
  setPushTargetRoute,
  pushTargetRoute,
  removePushTargetRoute,
  vapidPublicKeyRoute,
  notificationSettingsRoute,
  setNotificationSettingsRoute,
  unsubscribeRemindersRoute,
  changePasswordRoute,
  passwordResetRequestRoute,
  passwordResetConfirmRoute,
  stateRoute,
  setLanguageRoute,
  clientConfigRoute,
  signInProvidersRoute,
  oidcFormPostRoute,
  setupRoute,
  completeSetupRoute,
  deleteAccountRoute,
  cancelDeletionRoute,
  requestExportRoute,
  exportStatusRoute,
  downloadExportRoute,
  getOwnProfileRoute,
  attributesRoute,
  listFavoritesRoute,
  addFavoriteRoute,
  removeFavoriteRoute,
  statisticsRoute,
  getProfileRoute,
  editProfileRoute,
  setLocationRoute,
  setVisibilityRoute,
  setPrivacyRoute,
  browseResetRoute,
  browseNextRoute,
  automaticSearchSettingsRoute,
  setAutomaticSearchSettingsRoute,
  automaticSearchResultsRoute,
  uploadRoute,
  uploadStatusRoute,
  ownContentRoute,
  deleteContentRoute,
  contentFileRoute,
  setProfileContentRoute,
  setSecuritySelfieRoute,
  profileContentRoute,
  likeRoute,
  receivedLikesRoute,
  resetNewLikesRoute,
  matchesRoute,
  blockRoute,
  unblockRoute,
  blocksRoute,
  publishKeyRoute,
  publicKeyRoute,
  sendMessageRoute,
  pendingMessagesRoute,
  ackMessagesRoute,
  ackSentRoute,
  receiptsRoute,
  seenRoute,
  ackSeenRoute,
  typingRoute,
  chatStateRoute,
  chatSettingsRoute,
  setChatSettingsRoute,
  reportMessagesRoute,
  reportNameRoute,
  reportTextRoute,
  reportImageRoute,
  remoteBotLoginRoute,
  moderationQueueRoute,
  moderateRoute,
  mediaModerationQueueRoute,
  moderateContentRoute,
  verificationQueueRoute,
  decideVerificationRoute,
  reportQueueRoute,
  decideReportRoute,
  adminStatisticsRoute,
  statisticsHistoryRoute,
  statisticsHistoryHoursRoute,
  storeStatisticsHourRoute,
  apiUsageRoute,
  ipHistoryRoute,
  runDailyTaskRoute,
  listFlagsRoute,
  setFlagRoute,
  ...OPS_ROUTES,
  adminAccountRoute,
  adminAccountByEmailRoute,
  adminsRoute,
  setPermissionsRoute,
  adminDevicesRoute,
  adminSignInMethodsRoute,
  adminContentRoute,
  banRoute,
  unbanRoute,
  lockRoute,
  unlockRoute,
  logoutAccountRoute,
  deleteAccountNowRoute,
  auditRoute,
  ...managerForwardRoutes,
  healthRoute,
  metricsRoute,
  openApiRoute,
  asyncApiRoute,
];

export const WEBSOCKET_PATH = "/ws";

const UWS_METHOD: Record<ApiRoute["doc"]["method"], HttpMethod> = {
  get: "get",
  post: "post",
  put: "put",
  patch: "patch",
  delete: "del",
};

/** A pattern's trailing `*` (the rest of the path) is documented as the parameter `{path}`. */
function openApiPath(pattern: string): string {
  return pattern.replace(/\/\*$/, "/:path");
}

function registerRoutes(http: HttpServer, routes: readonly ApiRoute[], deps: ApiDeps): void {
  for (const route of routes) {
    const maxBodyBytes = route.maxBodyBytes?.(deps);
    http.route(
      UWS_METHOD[route.doc.method],
      route.doc.path,
      route.handler(deps),
      maxBodyBytes === undefined ? {} : { maxBodyBytes },
    );
  }
}

/** The routes of the loopback-only bot listener (`bots.local_port`). */
export const LOCAL_BOT_ROUTES: readonly ApiRoute[] = [botRegisterRoute, botLoginRoute];

/** Registers the local bot routes on the bot listener; everything else there is an unknown route. */
export function mountLocalBotApi(http: HttpServer, deps: Omit<ApiDeps, "openApi" | "asyncApi">): void {
  registerRoutes(http, LOCAL_BOT_ROUTES, { ...deps, openApi: () => ({}), asyncApi: () => ({}) });
  http.notFound();
}

/** Registers every route and the `/ws` endpoint on the server. */
export function mountApi(
  http: HttpServer,
  deps: Omit<ApiDeps, "openApi" | "asyncApi">,
): { closeAllSockets(): void } {
  const document = openApiDocument(
    deps.version,
    deps.account.config.email.public_url,
    ROUTES.map((route) => ({ ...route.doc, path: openApiPath(route.doc.path) })),
  );
  const asyncApi = asyncApiDocument(deps.version, WEBSOCKET_PATH);
  const full: ApiDeps = { ...deps, openApi: () => document, asyncApi: () => asyncApi };
  registerRoutes(http, ROUTES, full);
  const { websocket } = deps.account.config;
  const endpoint = addWebSocketEndpoint(
    http,
    {
      path: WEBSOCKET_PATH,
      maxFrameBytes: websocket.max_frame_bytes,
      idleTimeoutSeconds: websocket.idle_timeout_seconds,
      maxSendBufferBytes: websocket.max_send_buffer_bytes,
      log: deps.log,
      metrics: deps.metrics,
    },
    websocketSession(full),
  );
  http.notFound();
  return { closeAllSockets: () => endpoint.closeAll(1001, "shutting_down") };
}

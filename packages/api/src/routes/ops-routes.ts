import type { ApiRoute } from "../route.js";
import { customEmailRoute, unsubscribeRoute } from "./admin/custom-email-routes.js";
import { videoCallRoute } from "./chat/video-call-route.js";
import {
  adminNewsListRoute,
  createNewsRoute,
  deleteNewsRoute,
  editNewsRoute,
  publishNewsRoute,
  unpublishNewsRoute,
} from "./news/news-admin-routes.js";
import { newsBannerRoute, newsRoute, newsSeenRoute, newsUnreadRoute } from "./news/news-routes.js";

/** The routes of what a service running for months needs: news, mail to users, video calls, searches. */
export const OPS_ROUTES: readonly ApiRoute[] = [
  videoCallRoute,
  newsRoute,
  newsBannerRoute,
  newsUnreadRoute,
  newsSeenRoute,
  adminNewsListRoute,
  createNewsRoute,
  editNewsRoute,
  publishNewsRoute,
  unpublishNewsRoute,
  deleteNewsRoute,
  customEmailRoute,
  unsubscribeRoute,
];

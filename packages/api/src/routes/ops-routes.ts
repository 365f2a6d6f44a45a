import type { ApiRoute } from "../route.js";
import { videoCallRoute } from "./chat/video-call-route.js";

/** The routes of what a service running for months needs: news, mail to users, video calls, searches. */
export const OPS_ROUTES: readonly ApiRoute[] = [videoCallRoute];
